//! Sending a PDF to a CUPS printer with `lp`, from memory: the kiosk's
//! printed badges and the extras' voucher copies.

use std::io::Write;
use std::process::{Command, Stdio};

/// Prints `pdf` on `printer` (`copies` copies). Errors say what to do.
pub fn print_pdf(printer: &str, pdf: &[u8], copies: u32) -> Result<(), String> {
    let mut child = Command::new("lp")
        .args(["-d", printer, "-n", &copies.to_string(), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| "there is no printing system (CUPS `lp`) on this machine: install cups, or clear the printer in the settings".to_string())?;
    child
        .stdin
        .take()
        .ok_or("lp took no input: print again")?
        .write_all(pdf)
        .map_err(|e| format!("the job did not reach lp ({e}): print again"))?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "the printer {printer} refused the job: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}
