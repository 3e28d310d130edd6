//! The wrap page: the day's export (CSV, PDF, XLSX) as one ZIP download,
//! behind the export's own gates (a kiosk the hub may not have heard all
//! of, vouchers not approved on a day that requires it, extras not
//! released), said plainly; a supervisor may export anyway, and the ZIP's
//! name says which gate was passed.

use super::app::WebApp;
use super::auth::require;
use super::page::{Lang, esc, plain};
use crate::kiosk::Role;
use crate::report::{ExportRequest, Format};
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const EXPORTERS: &[Role] = &[Role::Supervisor, Role::Payroll];

#[derive(Debug, Default, serde::Deserialize)]
pub struct ExportForm {
    csrf: Option<String>,
    allow_unsynced: Option<String>,
    allow_unapproved: Option<String>,
    allow_open: Option<String>,
}

fn wrap_body(lang: Lang, role: Role, csrf: &str, error: Option<&str>, form: &ExportForm) -> String {
    let mut out = String::new();
    match error {
        Some(e) => {
            let _ = write!(
                out,
                "<div class=\"error\" role=\"alert\"><p>{}</p>",
                esc(e).replace('\n', "<br>")
            );
            if role == Role::Supervisor {
                let _ = write!(
                    out,
                    "<p>{}</p>",
                    esc(match lang {
                        Lang::En =>
                            "As a supervisor you may export anyway: tick what to pass below; the ZIP's name says so.",
                        Lang::Es =>
                            "Como supervisor puede exportar de todos modos: marque abajo lo que se pasa por alto; el nombre del ZIP lo dice.",
                    })
                );
            } else {
                let _ = write!(
                    out,
                    "<p>{}</p>",
                    esc(match lang {
                        Lang::En => "Ask a supervisor to sort it out, or to export anyway.",
                        Lang::Es =>
                            "Pida a un supervisor que lo resuelva o que exporte de todos modos.",
                    })
                );
            }
            out.push_str("</div>");
        }
        None => {
            let _ = write!(
                out,
                "<p>{}</p>",
                esc(match lang {
                    Lang::En =>
                        "The vouchers (CSV, PDF, XLSX), the background count and the change log, in one ZIP.",
                    Lang::Es =>
                        "Los vales (CSV, PDF, XLSX), el recuento de figuración y el registro de cambios, en un ZIP.",
                })
            );
        }
    }
    let _ = write!(
        out,
        "<form method=\"post\" action=\"/wrap/export\" class=\"export\">{csrf}"
    );
    if role == Role::Supervisor {
        let (unsynced, unapproved, open) = match lang {
            Lang::En => (
                "Export anyway while a kiosk may hold events the hub has not received",
                "Export anyway with vouchers not approved",
                "Export anyway with extras not released (listed as not released)",
            ),
            Lang::Es => (
                "Exportar aunque un quiosco pueda tener eventos que el hub no ha recibido",
                "Exportar con vales sin aprobar",
                "Exportar con figurantes sin liberar (como no liberados)",
            ),
        };
        for (name, words, on) in [
            ("allow_unsynced", unsynced, form.allow_unsynced.is_some()),
            (
                "allow_unapproved",
                unapproved,
                form.allow_unapproved.is_some(),
            ),
            ("allow_open", open, form.allow_open.is_some()),
        ] {
            let _ = write!(
                out,
                "<label class=\"check\"><input type=\"checkbox\" name=\"{name}\" value=\"yes\"{}> {}</label>",
                if on { " checked" } else { "" },
                esc(words)
            );
        }
    }
    let _ = write!(
        out,
        "<button type=\"submit\">{}</button></form>",
        lang.tr("Download the day's files (ZIP)")
    );
    out
}

/// GET `/wrap`.
pub async fn page(State(app): State<Arc<WebApp>>, headers: HeaderMap) -> Response {
    let signed = match require(&app, &headers, EXPORTERS).await {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    let body = wrap_body(
        signed.lang,
        signed.user.role,
        &signed.csrf_field(),
        None,
        &ExportForm::default(),
    );
    signed
        .page(signed.lang.tr("Wrap"), "/wrap", body)
        .response()
}

/// A folder of its own for one export, removed when dropped.
struct ExportFolder(PathBuf);

impl Drop for ExportFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The files of `dir` in one ZIP, in memory.
fn zip_folder(dir: &Path, files: &[PathBuf]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for file in files {
        let name = file
            .strip_prefix(dir)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(&std::fs::read(file)?)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

/// POST `/wrap/export`: the ZIP, or the wrap page saying what stops it.
pub async fn export(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Form(form): Form<ExportForm>,
) -> Response {
    let signed = match require(&app, &headers, EXPORTERS).await {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    if let Err(refused) = signed.check_csrf(&app, form.csrf.as_deref()) {
        return refused;
    }
    let lang = signed.lang;
    let supervisor = signed.user.role == Role::Supervisor;
    let allow = |v: &Option<String>| supervisor && v.is_some();
    let (unsynced, unapproved, open) = (
        allow(&form.allow_unsynced),
        allow(&form.allow_unapproved),
        allow(&form.allow_open),
    );
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).expect("the operating system has no random source");
    let folder = ExportFolder(
        std::env::temp_dir().join(format!("extras-kiosk-export-{}", hex::encode(random))),
    );
    let out_dir = folder.0.clone();
    let station = app.with_station(|station, _| station.reopen()).await;
    let mut station = match station {
        Ok(s) => s,
        Err(e) => return plain(StatusCode::INTERNAL_SERVER_ERROR, lang, &e.to_string()),
    };
    let now = app.now();
    let result = tokio::task::spawn_blocking(move || {
        let request = ExportRequest {
            out_dir: out_dir.clone(),
            formats: vec![Format::Csv, Format::Pdf, Format::Xlsx],
            allow_open: open,
            allow_unsynced: unsynced,
            allow_unapproved: unapproved,
            paper: Default::default(),
        };
        std::fs::create_dir_all(&out_dir).map_err(|e| {
            format!(
                "cannot make a folder for the export in {}: {e}",
                out_dir.display()
            )
        })?;
        let date = station
            .day()
            .map(|d| d.date.to_string())
            .unwrap_or_default();
        let summary = station
            .export(&request, now, &mut |_, _, _| {})
            .map_err(|e| e.to_string())?;
        let bytes = zip_folder(&out_dir, &summary.files)
            .map_err(|e| format!("the ZIP could not be made: {e}"))?;
        Ok::<_, String>((date, bytes))
    })
    .await
    .unwrap_or_else(|e| Err(format!("the export stopped: {e}")));
    drop(folder);
    match result {
        Ok((date, bytes)) => {
            let mut name = format!("extras-{date}");
            for (on, words) in [
                (unsynced, "unsynced"),
                (unapproved, "unapproved"),
                (open, "not-released"),
            ] {
                if on {
                    let _ = write!(name, "-{words}");
                }
            }
            let mut response = bytes.into_response();
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/zip"),
            );
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.zip\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            response
        }
        Err(e) => {
            let body = wrap_body(
                lang,
                signed.user.role,
                &signed.csrf_field(),
                Some(&e),
                &form,
            );
            let mut response = signed.page(lang.tr("Wrap"), "/wrap", body).response();
            *response.status_mut() = StatusCode::CONFLICT;
            response
        }
    }
}
