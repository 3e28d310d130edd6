//! The hybrid logical clock that orders events of several kiosks: the wall
//! clock in milliseconds, pushed past every event a kiosk holds, with a
//! counter for events in the same millisecond. A correction made after
//! seeing a check-in sorts after it, whatever the two devices' clocks say.

/// One reading of the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub millis: i64,
    pub counter: u32,
}

impl Hlc {
    /// The stored form: fixed width, so text order is clock order.
    pub fn to_text(self) -> String {
        format!("{:015}-{:06}", self.millis, self.counter)
    }

    pub fn parse(text: &str) -> Option<Hlc> {
        let (millis, counter) = text.split_once('-')?;
        Some(Hlc {
            millis: millis.parse().ok()?,
            counter: counter.parse().ok()?,
        })
    }

    /// The clock of a new event recorded at wall time `now_millis`, after
    /// `latest`, the latest clock of every event held (this kiosk's and
    /// those received from others).
    pub fn next(latest: Option<Hlc>, now_millis: i64) -> Hlc {
        match latest {
            Some(l) if l.millis >= now_millis => Hlc {
                millis: l.millis,
                counter: l.counter + 1,
            },
            _ => Hlc {
                millis: now_millis,
                counter: 0,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_past_what_it_has_seen() {
        let first = Hlc::next(None, 1_000);
        assert_eq!(
            first,
            Hlc {
                millis: 1_000,
                counter: 0
            }
        );
        // A kiosk two hours fast wrote this; a slow kiosk sorts after it.
        let fast = Hlc {
            millis: 7_201_000,
            counter: 3,
        };
        let after = Hlc::next(Some(fast), 2_000);
        assert!(after > fast);
        assert_eq!(
            after,
            Hlc {
                millis: 7_201_000,
                counter: 4
            }
        );
        // Wall time past the latest: the counter starts again.
        assert_eq!(Hlc::next(Some(fast), 8_000_000).counter, 0);
        for h in [first, fast, after] {
            assert_eq!(Hlc::parse(&h.to_text()), Some(h));
        }
        assert!(
            fast.to_text() < after.to_text(),
            "text order is clock order"
        );
        assert!(
            Hlc {
                millis: 99,
                counter: 0
            }
            .to_text()
                < first.to_text()
        );
    }
}
