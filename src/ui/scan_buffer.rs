//! Collects a USB scanner's keystrokes up to Return: the payload of one
//! badge. Control keys (Shift, arrows) are dropped; a runaway line is cut.

/// The most characters one scan can hold; a badge token is 43.
const MAX_LEN: usize = 512;

#[derive(Debug, Default)]
pub struct ScanBuffer {
    text: String,
}

impl ScanBuffer {
    /// Takes the text of one key event. Returns the payload when it was
    /// Return and something had been typed.
    pub fn key(&mut self, text: &str) -> Option<String> {
        for c in text.chars() {
            if c == '\n' || c == '\r' {
                let payload = std::mem::take(&mut self.text);
                let payload = payload.trim().to_string();
                return (!payload.is_empty()).then_some(payload);
            }
            // Shift, Control, arrows and function keys arrive as control or
            // private-use characters: not part of any payload.
            let private_use = ('\u{E000}'..='\u{F8FF}').contains(&c);
            if c.is_control() || private_use {
                continue;
            }
            if self.text.len() < MAX_LEN {
                self.text.push(c);
            }
        }
        None
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_up_to_return_are_one_payload() {
        let mut b = ScanBuffer::default();
        for c in "EK1:AB\u{10}CD".chars() {
            assert_eq!(b.key(&c.to_string()), None);
        }
        assert_eq!(b.key("\n").as_deref(), Some("EK1:ABCD"));
        assert_eq!(b.key("\n"), None, "an empty Return is nothing");
        assert_eq!(b.key("X\u{F700}Y\r").as_deref(), Some("XY"));
    }

    #[test]
    fn a_runaway_line_is_cut() {
        let mut b = ScanBuffer::default();
        b.key(&"A".repeat(2000));
        assert_eq!(b.key("\n").unwrap().len(), MAX_LEN);
    }
}
