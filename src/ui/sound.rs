//! The tones of the result cards, played on a background thread so a scan
//! never waits for the sound card. No sound device is not an error.

use super::face::Tone;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Sender, channel};

const WELCOME: &[u8] = include_bytes!("../../assets/sounds/welcome.wav");
const ATTENTION: &[u8] = include_bytes!("../../assets/sounds/attention.wav");
const GOODBYE: &[u8] = include_bytes!("../../assets/sounds/goodbye.wav");
const REFUSED: &[u8] = include_bytes!("../../assets/sounds/refused.wav");

/// Plays tones, or nothing.
pub trait Chime {
    fn play(&self, tone: Tone);
    /// Sets the volume, 0 (silent) to 1.
    fn set_volume(&self, _volume: f32) {}
}

/// No sound: tests, and machines without a sound device.
pub struct Silent;

impl Chime for Silent {
    fn play(&self, _: Tone) {}
}

/// Tones through the default output device, from a thread of its own.
pub struct Speaker {
    tones: Sender<Tone>,
    /// The volume's f32 bits, read by the sound thread at each tone.
    volume: Arc<AtomicU32>,
}

impl Speaker {
    /// Starts the sound thread. If no device opens, tones are dropped and
    /// one line says so on standard error.
    pub fn start(volume: f32) -> Speaker {
        let (tones, receiver) = channel::<Tone>();
        let level = Arc::new(AtomicU32::new(volume.to_bits()));
        let volume = level.clone();
        let started = std::thread::Builder::new()
            .name("sound".into())
            .spawn(move || {
                let sink = match rodio::DeviceSinkBuilder::open_default_sink() {
                    Ok(mut sink) => {
                        sink.log_on_drop(false);
                        Some(sink)
                    }
                    Err(e) => {
                        eprintln!("note: no sound ({e}); the kiosk works silently");
                        None
                    }
                };
                for tone in receiver {
                    let Some(sink) = &sink else { continue };
                    let bytes = match tone {
                        Tone::Welcome => WELCOME,
                        Tone::Attention => ATTENTION,
                        Tone::Goodbye => GOODBYE,
                        Tone::Refused => REFUSED,
                    };
                    if let Ok(source) = rodio::Decoder::try_from(std::io::Cursor::new(bytes)) {
                        use rodio::Source;
                        let volume = f32::from_bits(volume.load(Ordering::Relaxed));
                        sink.mixer().add(source.amplify(volume));
                    }
                }
            });
        if let Err(e) = started {
            eprintln!("note: no sound thread ({e}); the kiosk works silently");
        }
        Speaker {
            tones,
            volume: level,
        }
    }
}

impl Chime for Speaker {
    fn play(&self, tone: Tone) {
        let _ = self.tones.send(tone);
    }

    fn set_volume(&self, volume: f32) {
        self.volume
            .store(volume.clamp(0.0, 1.0).to_bits(), Ordering::Relaxed);
    }
}
