//! The QR code of a badge token: a square of dark and light modules, with
//! the quiet zone a scanner needs around it.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of one QR code, quiet zone included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side, quiet zone included.
    pub size: usize,
    dark: Vec<bool>,
}

/// Four light modules around the symbol, as the QR standard asks.
pub const QUIET_ZONE: usize = 4;

impl QrMatrix {
    /// Encodes `payload` with medium error correction (a badge gets bent,
    /// scratched and rained on). A badge token is all QR-alphanumeric, so
    /// the encoder picks the dense alphanumeric mode.
    pub fn encode(payload: &str) -> QrMatrix {
        let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
            .expect("a badge token always fits a QR code");
        let width = code.width();
        let size = width + 2 * QUIET_ZONE;
        let mut dark = vec![false; size * size];
        for (i, color) in code.to_colors().into_iter().enumerate() {
            let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
            dark[y * size + x] = color == Color::Dark;
        }
        QrMatrix { size, dark }
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.size + x]
    }

    /// Horizontal runs of dark modules: `(row, first column, length)`. Fewer
    /// rectangles to draw than one per module.
    pub fn dark_runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.size && self.is_dark(x, y) {
                        x += 1;
                    }
                    runs.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_fits_a_version_3_symbol() {
        let m = QrMatrix::encode("EK1:7QK2:20261128:B-0147:1:K3J9X2M4P7Q8R5T6");
        assert_eq!(m.size, 29 + 2 * QUIET_ZONE, "version 3: alphanumeric mode");
        // The finder pattern's corner is dark, the quiet zone light.
        assert!(m.is_dark(QUIET_ZONE, QUIET_ZONE));
        assert!(!m.is_dark(0, 0));
        let dark: usize = m.dark_runs().iter().map(|r| r.2).sum();
        assert_eq!(dark, (0..m.size * m.size).filter(|i| m.dark[*i]).count());
    }
}
