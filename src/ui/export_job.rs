//! The wrap export from the console: one at a time, on a connection of its
//! own so it can run on a thread while the kiosk stays responsive, and what
//! it wrote in a sentence for the PA.

use super::console_controller::ConsoleController;
use super::console_forms::{ConsoleError, Notice, Outcome};
use crate::kiosk::Station;
use crate::report::{ExportRequest, ExportSummary, Privacy, Progress};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

impl ConsoleController {
    /// Exports the day here and now (the tests; see `export_job`).
    pub fn export(&self, request: &ExportRequest, progress: Progress<'_>) -> Outcome {
        let job = self.export_job(request.clone())?;
        let result = job.run_here(&mut self.station.borrow_mut(), self.now(), progress);
        self.reload();
        result
    }

    /// An export to run on a thread of its own, with a connection of its
    /// own, so the kiosk stays responsive. One at a time.
    pub fn export_job(&self, request: ExportRequest) -> Result<ExportJob, ConsoleError> {
        if self.exporting.swap(true, Ordering::SeqCst) {
            return Err(ConsoleError::ExportRunning);
        }
        let guard = ExportGuard(self.exporting.clone());
        let station = self.station.borrow().reopen()?;
        Ok(ExportJob {
            station,
            request,
            _guard: guard,
        })
    }
}

/// Clears the "export running" flag when the export ends, however it ends.
struct ExportGuard(Arc<AtomicBool>);

impl Drop for ExportGuard {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// An export ready to run (on any thread).
pub struct ExportJob {
    station: Station,
    request: ExportRequest,
    _guard: ExportGuard,
}

impl ExportJob {
    /// Runs the export on its own connection.
    pub fn run(mut self, now: DateTime<Utc>, progress: Progress<'_>) -> Outcome {
        let summary = self.station.export(&self.request, now, progress)?;
        Ok(Notice(export_text(&summary, &self.request)))
    }

    /// Runs the export on `station` (the console's own connection).
    fn run_here(
        self,
        station: &mut Station,
        now: DateTime<Utc>,
        progress: Progress<'_>,
    ) -> Outcome {
        let summary = station.export(&self.request, now, progress)?;
        Ok(Notice(export_text(&summary, &self.request)))
    }
}

/// What an export wrote, in a sentence for the PA.
pub fn export_text(summary: &ExportSummary, request: &ExportRequest) -> String {
    let mut text = format!(
        "Wrote {} files to {}: {} vouchers, {} released, {} not released, {} no-shows, gross ${}.",
        summary.files.len(),
        request.out_dir.display(),
        summary.vouchers,
        summary.released,
        summary.not_released,
        summary.no_shows,
        summary.gross
    );
    if summary.not_released > 0 {
        text.push_str(" Those still here are listed as not released.");
    }
    if summary.privacy == Privacy::NoPermissions {
        text.push_str(" This folder keeps no file permissions: keep the stick safe.");
    }
    text
}
