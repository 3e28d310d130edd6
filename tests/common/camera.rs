//! A camera for the browser tests: a badge PNG the project wrote, put on
//! a desk and spoiled as a phone's picture is (turned, in perspective,
//! blurred, darker, noisy), written as a Y4M video that Chromium plays
//! as its camera (`--use-file-for-fake-video-capture`).
#![allow(dead_code)]

use image::{ImageBuffer, Rgb, RgbImage, RgbaImage};
use std::io::Write;
use std::path::Path;

/// The picture's size.
pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 480;
/// Frames a second of the videos written.
pub const FPS: u32 = 10;

/// What is done to the badge in the picture.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spoil {
    /// Turned this many degrees.
    pub turn: f32,
    /// Held at an angle: the far edge this much shorter (0..1).
    pub perspective: f32,
    /// Gaussian blur, sigma in pixels.
    pub blur: f32,
    /// Light kept (1.0 as is, 0.5 half as bright).
    pub light: f32,
    /// Noise, the standard deviation in levels of 255.
    pub noise: f32,
}

impl Spoil {
    pub const NONE: Spoil = Spoil {
        turn: 0.0,
        perspective: 0.0,
        blur: 0.0,
        light: 1.0,
        noise: 0.0,
    };
    /// Each spoiling alone, then all together, with their names.
    pub fn each_and_all() -> Vec<(&'static str, Spoil)> {
        let all = Spoil {
            turn: 15.0,
            perspective: 0.25,
            blur: 1.2,
            light: 0.45,
            noise: 12.0,
        };
        vec![
            (
                "turned 15°",
                Spoil {
                    turn: all.turn,
                    ..Spoil::NONE
                },
            ),
            (
                "perspective",
                Spoil {
                    perspective: all.perspective,
                    ..Spoil::NONE
                },
            ),
            (
                "blurred",
                Spoil {
                    blur: all.blur,
                    ..Spoil::NONE
                },
            ),
            (
                "darker",
                Spoil {
                    light: all.light,
                    ..Spoil::NONE
                },
            ),
            (
                "noise",
                Spoil {
                    noise: all.noise,
                    ..Spoil::NONE
                },
            ),
            ("all together", all),
        ]
    }
}

/// A small random source (xorshift), so the tests need no crate for it.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 40) as f32 / (1u64 << 24) as f32
    }
    /// About normally distributed, mean 0, deviation 1.
    pub fn normal(&mut self) -> f32 {
        (0..6).map(|_| self.next()).sum::<f32>() - 3.0
    }
}

/// The desk: brown wood with a grain.
pub fn desk(dice: &mut Dice) -> RgbImage {
    ImageBuffer::from_fn(WIDTH, HEIGHT, |x, y| {
        let grain = ((y as f32 * 0.21 + (x as f32 * 0.013).sin() * 6.0).sin() * 14.0) as i32;
        let speck = (dice.next() * 8.0) as i32;
        let c = |base: i32| (base + grain + speck).clamp(0, 255) as u8;
        Rgb([c(139), c(98), c(60)])
    })
}

/// The homography taking the unit square's corners (0,0), (1,0), (1,1),
/// (0,1) to `quad`, as a 3x3 matrix.
fn square_to_quad(quad: [(f32, f32); 4]) -> [[f64; 3]; 3] {
    let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = quad.map(|(x, y)| (x as f64, y as f64));
    let dx1 = x1 - x2;
    let dx2 = x3 - x2;
    let dy1 = y1 - y2;
    let dy2 = y3 - y2;
    let sx = x0 - x1 + x2 - x3;
    let sy = y0 - y1 + y2 - y3;
    let det = dx1 * dy2 - dx2 * dy1;
    let g = (sx * dy2 - dx2 * sy) / det;
    let h = (dx1 * sy - sx * dy1) / det;
    [
        [x1 - x0 + g * x1, x3 - x0 + h * x3, x0],
        [y1 - y0 + g * y1, y3 - y0 + h * y3, y0],
        [g, h, 1.0],
    ]
}

fn inverse(m: [[f64; 3]; 3]) -> [[f64; 3]; 3] {
    let [[a, b, c], [d, e, f], [g, h, i]] = m;
    let det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    [
        [
            (e * i - f * h) / det,
            (c * h - b * i) / det,
            (b * f - c * e) / det,
        ],
        [
            (f * g - d * i) / det,
            (a * i - c * g) / det,
            (c * d - a * f) / det,
        ],
        [
            (d * h - e * g) / det,
            (b * g - a * h) / det,
            (a * e - b * d) / det,
        ],
    ]
}

/// The badge on the desk: `badge` drawn `width` pixels wide around
/// (`cx`, `cy`), spoiled as `spoil` says; `dice` moves the hand a little
/// and draws the noise.
pub fn scene(
    badge: &RgbaImage,
    spoil: Spoil,
    width: f32,
    cx: f32,
    cy: f32,
    dice: &mut Dice,
) -> RgbImage {
    let mut picture = desk(dice);
    let (bw, bh) = (badge.width() as f32, badge.height() as f32);
    let height = width * bh / bw;
    // A hand is never still: a pixel or two, half a degree.
    let cx = cx + dice.normal() * 1.5;
    let cy = cy + dice.normal() * 1.5;
    let turn = (spoil.turn + dice.normal() * 0.5).to_radians();
    // The far (top) edge shorter by `perspective`.
    let top = 1.0 - spoil.perspective;
    let corners = [
        (
            -width / 2.0 * top,
            -height / 2.0 * (1.0 - spoil.perspective * 0.3),
        ),
        (
            width / 2.0 * top,
            -height / 2.0 * (1.0 - spoil.perspective * 0.3),
        ),
        (width / 2.0, height / 2.0),
        (-width / 2.0, height / 2.0),
    ]
    .map(|(x, y)| {
        (
            cx + x * turn.cos() - y * turn.sin(),
            cy + x * turn.sin() + y * turn.cos(),
        )
    });
    let to_picture = square_to_quad(corners);
    let to_badge = inverse(to_picture);
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            let (px, py) = (x as f64 + 0.5, y as f64 + 0.5);
            let w = to_badge[2][0] * px + to_badge[2][1] * py + to_badge[2][2];
            let u = (to_badge[0][0] * px + to_badge[0][1] * py + to_badge[0][2]) / w;
            let v = (to_badge[1][0] * px + to_badge[1][1] * py + to_badge[1][2]) / w;
            if !(0.0..1.0).contains(&u) || !(0.0..1.0).contains(&v) {
                continue;
            }
            let p = sample(badge, u as f32 * bw, v as f32 * bh);
            picture.put_pixel(x, y, p);
        }
    }
    let mut picture = if spoil.blur > 0.0 {
        image::imageops::blur(&picture, spoil.blur)
    } else {
        picture
    };
    for p in picture.pixels_mut() {
        for c in p.0.iter_mut() {
            let level = *c as f32 * spoil.light + dice.normal() * spoil.noise;
            *c = level.round().clamp(0.0, 255.0) as u8;
        }
    }
    picture
}

/// The badge's colour at (`x`, `y`), bilinear, over white paper.
fn sample(badge: &RgbaImage, x: f32, y: f32) -> Rgb<u8> {
    let x0 = (x - 0.5).floor().max(0.0) as u32;
    let y0 = (y - 0.5).floor().max(0.0) as u32;
    let x1 = (x0 + 1).min(badge.width() - 1);
    let y1 = (y0 + 1).min(badge.height() - 1);
    let fx = (x - 0.5 - x0 as f32).clamp(0.0, 1.0);
    let fy = (y - 0.5 - y0 as f32).clamp(0.0, 1.0);
    let at = |x: u32, y: u32, c: usize| {
        let p = badge.get_pixel(x, y).0;
        let a = p[3] as f32 / 255.0;
        p[c] as f32 * a + 255.0 * (1.0 - a)
    };
    let mut out = [0u8; 3];
    for (c, o) in out.iter_mut().enumerate() {
        let top = at(x0, y0, c) * (1.0 - fx) + at(x1, y0, c) * fx;
        let bottom = at(x0, y1, c) * (1.0 - fx) + at(x1, y1, c) * fx;
        *o = (top * (1.0 - fy) + bottom * fy).round() as u8;
    }
    Rgb(out)
}

/// A QR code of `payload` on a white card as a badge would carry it (for a
/// payload no badge has, such as a tampered one).
pub fn qr_card(payload: &str) -> RgbaImage {
    let code = qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M)
        .unwrap();
    let (n, module, quiet) = (code.width() as u32, 8u32, 4u32);
    let side = (n + 2 * quiet) * module;
    let colors = code.to_colors();
    let mut card = RgbaImage::from_pixel(side * 16 / 10, side, image::Rgba([255, 255, 255, 255]));
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (
                (x / module) as i64 - quiet as i64,
                (y / module) as i64 - quiet as i64,
            );
            let dark = (0..n as i64).contains(&mx)
                && (0..n as i64).contains(&my)
                && colors[(my * n as i64 + mx) as usize] == qrcode::Color::Dark;
            if dark {
                card.put_pixel(x + side * 3 / 10, y, image::Rgba([0, 0, 0, 255]));
            }
        }
    }
    card
}

/// Writes `frames` as a Y4M video (4:2:0) at [`FPS`].
pub fn write_y4m(path: &Path, frames: &[RgbImage]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "YUV4MPEG2 W{WIDTH} H{HEIGHT} F{FPS}:1 Ip A1:1 C420jpeg"
    )
    .unwrap();
    for frame in frames {
        out.write_all(b"FRAME\n").unwrap();
        let mut y_plane = Vec::with_capacity((WIDTH * HEIGHT) as usize);
        let mut u_plane = Vec::with_capacity((WIDTH * HEIGHT / 4) as usize);
        let mut v_plane = Vec::with_capacity((WIDTH * HEIGHT / 4) as usize);
        for p in frame.pixels() {
            let [r, g, b] = p.0.map(f32::from);
            y_plane.push(
                (0.299 * r + 0.587 * g + 0.114 * b)
                    .round()
                    .clamp(0.0, 255.0) as u8,
            );
        }
        for y in (0..HEIGHT).step_by(2) {
            for x in (0..WIDTH).step_by(2) {
                let mut sum = [0f32; 3];
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let p = frame.get_pixel(x + dx, y + dy).0;
                    for c in 0..3 {
                        sum[c] += p[c] as f32 / 4.0;
                    }
                }
                let [r, g, b] = sum;
                u_plane.push(
                    (128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b)
                        .round()
                        .clamp(0.0, 255.0) as u8,
                );
                v_plane.push(
                    (128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b)
                        .round()
                        .clamp(0.0, 255.0) as u8,
                );
            }
        }
        out.write_all(&y_plane).unwrap();
        out.write_all(&u_plane).unwrap();
        out.write_all(&v_plane).unwrap();
    }
    out.flush().unwrap();
}

/// A video of `badge` held up under `spoil`: `before` frames of the desk
/// alone, then `held` frames of the badge.
pub fn badge_video(
    path: &Path,
    badge: &RgbaImage,
    spoil: Spoil,
    before: usize,
    held: usize,
    seed: u64,
) {
    let mut dice = Dice::new(seed);
    let mut frames = Vec::new();
    for _ in 0..before {
        frames.push(scene_without_badge(spoil, &mut dice));
    }
    for _ in 0..held {
        frames.push(scene(badge, spoil, 430.0, 320.0, 240.0, &mut dice));
    }
    write_y4m(path, &frames);
}

/// The desk alone, as spoiled as the badge's pictures.
pub fn scene_without_badge(spoil: Spoil, dice: &mut Dice) -> RgbImage {
    let mut picture = desk(dice);
    for p in picture.pixels_mut() {
        for c in p.0.iter_mut() {
            let level = *c as f32 * spoil.light + dice.normal() * spoil.noise;
            *c = level.round().clamp(0.0, 255.0) as u8;
        }
    }
    picture
}
