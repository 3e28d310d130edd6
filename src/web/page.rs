//! The web app's HTML: escaping (every name from a skin is text, never
//! markup), the page around each screen (its navigation by role, the
//! language switch) and the words in English and Spanish.

use crate::kiosk::{Role, WebUser};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::fmt::Write;

/// The language a page is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language chosen with the switch (a cookie), else the browser's
    /// first of English and Spanish.
    pub fn of(headers: &HeaderMap) -> Lang {
        if let Some(chosen) = super::auth::cookie(headers, "ek-lang") {
            return if chosen == "es" { Lang::Es } else { Lang::En };
        }
        let accept = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        for part in accept.split(',') {
            let tag = part
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if tag.starts_with("es") {
                return Lang::Es;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::En
    }

    /// `english` in this language.
    pub fn tr(self, english: &'static str) -> &'static str {
        match self {
            Lang::En => english,
            Lang::Es => SPANISH
                .iter()
                .find(|(en, _)| *en == english)
                .map_or(english, |(_, es)| es),
        }
    }
}

/// The Spanish of every fixed word the pages show.
const SPANISH: &[(&str, &str)] = &[
    ("Dashboard", "Panel"),
    ("Roster", "Lista"),
    ("Review", "Revisión"),
    ("Wrap", "Cierre"),
    ("Sign out", "Salir"),
    ("Sign in", "Entrar"),
    ("Name", "Nombre"),
    ("Password", "Contraseña"),
    ("Booked", "Citados"),
    ("Arrived", "Llegados"),
    ("Late", "Tarde"),
    ("Missing", "Faltan"),
    ("In holding", "En espera"),
    ("Released", "Liberados"),
    ("Union background present", "Figuración sindical presente"),
    ("required", "requeridos"),
    ("no required count set", "sin número requerido"),
    ("Holding areas", "Zonas de espera"),
    ("present", "presentes"),
    ("Meal due", "Comida a las"),
    ("late for a meal", "tarde para comer"),
    ("penalties so far", "penalizaciones hasta ahora"),
    ("Kiosks", "Quioscos"),
    ("online", "en línea"),
    ("offline", "sin conexión"),
    ("last seen", "visto"),
    ("unsent", "sin enviar"),
    ("clock off by", "reloj desviado"),
    (
        "No hub: this kiosk's file alone.",
        "Sin hub: solo el archivo de este quiosco.",
    ),
    ("Open conflicts", "Conflictos abiertos"),
    ("Open disputes", "Reclamaciones abiertas"),
    ("Open requests", "Solicitudes abiertas"),
    ("None", "Ninguno"),
    (
        "No shoot day is open on this kiosk.",
        "No hay ningún día de rodaje abierto en este quiosco.",
    ),
    ("Updated", "Actualizado"),
    ("Search", "Buscar"),
    ("Everyone", "Todos"),
    ("Expected", "Esperado"),
    ("Here", "Aquí"),
    ("Any area", "Cualquier zona"),
    ("Any category", "Cualquier categoría"),
    ("Union or not", "Sindical o no"),
    ("Union", "Sindical"),
    ("Non-union", "No sindical"),
    ("Badge", "Credencial"),
    ("Status", "Estado"),
    ("Area", "Zona"),
    ("In", "Entrada"),
    ("Out", "Salida"),
    ("Phone", "Teléfono"),
    ("Email", "Correo"),
    ("Category", "Categoría"),
    ("Call", "Citación"),
    ("The day", "El día"),
    ("Change log", "Registro de cambios"),
    ("Voucher", "Vale"),
    ("No changes.", "Sin cambios."),
    (
        "Not released yet: the voucher as it stands now.",
        "Aún no liberado: el vale tal como está ahora.",
    ),
    ("Approve", "Aprobar"),
    ("Approve all clean", "Aprobar todos los limpios"),
    ("Note", "Nota"),
    ("Accept", "Aceptar"),
    ("Reject", "Rechazar"),
    ("Disputes", "Reclamaciones"),
    ("Approved by", "Aprobado por"),
    ("not approved", "sin aprobar"),
    ("All", "Todos"),
    (
        "Download the day's files (ZIP)",
        "Descargar los archivos del día (ZIP)",
    ),
    ("Export anyway", "Exportar de todos modos"),
    ("Nothing stops the export.", "Nada impide la exportación."),
    ("Not found", "No encontrado"),
    ("You may not see this page.", "No puede ver esta página."),
    ("more: narrow the search", "más: afine la búsqueda"),
    ("found", "encontrados"),
    ("Nobody matches.", "Nadie coincide."),
    (
        "The day requires approval before payroll.",
        "El día requiere aprobación antes de nómina.",
    ),
    (
        "The name or the password is wrong.",
        "El nombre o la contraseña no son correctos.",
    ),
    ("Gross", "Bruto"),
    ("Flags", "Alertas"),
    ("Decided by", "Decidido por"),
    ("recorded", "registrado"),
    ("claimed", "reclamado"),
    ("Agency", "Agencia"),
    ("Wardrobe", "Vestuario"),
    ("Correct a time", "Corregir una hora"),
    ("Time", "Hora"),
    ("Reason", "Motivo"),
    ("Correct", "Corregir"),
    ("Vouchers", "Vales"),
    ("The day could not be read", "No se pudo leer el día"),
    ("no-shows", "no presentados"),
    ("Scanner", "Escáner"),
    ("Recent scans", "Últimos escaneos"),
    ("Not recorded", "No registrado"),
    ("Checked in", "Entrada registrada"),
    ("Already checked in", "Ya tenía entrada"),
    ("Checked out", "Salida registrada"),
    ("Already checked out", "Ya tenía salida"),
    ("Out to meal", "Sale a comer"),
    ("Back from meal", "Vuelve de comer"),
    ("Meal not recorded", "Comida no registrada"),
    ("Who is this", "¿Quién es?"),
    ("Check in", "Registrar entrada"),
    ("Check out", "Registrar salida"),
    ("Meal out", "Sale a comer"),
    ("Meal in", "Vuelve de comer"),
    ("What a scan does", "Qué hace un escaneo"),
    ("Starting the camera…", "Encendiendo la cámara…"),
    (
        "Your session ended: sign in again to send the scans kept on this phone.",
        "Su sesión terminó: entre de nuevo para enviar los escaneos guardados en este teléfono.",
    ),
    (
        "Hand the phone over: sign with a finger.",
        "Pase el teléfono: firme con el dedo.",
    ),
    ("Clear", "Borrar"),
    ("Sign", "Firmar"),
    ("Leave unsigned", "Dejar sin firmar"),
    (
        "Damaged badge? Type its number",
        "¿Credencial dañada? Escriba su número",
    ),
    ("Send", "Enviar"),
    (
        "1 scan waiting, not yet recorded",
        "1 escaneo en espera, aún no registrado",
    ),
    (
        "{n} scans waiting, not yet recorded",
        "{n} escaneos en espera, aún no registrados",
    ),
    (
        "Kept on this phone: not yet recorded",
        "Guardado en este teléfono: aún no registrado",
    ),
    (
        "No camera: type the badge number below.",
        "Sin cámara: escriba abajo el número de la credencial.",
    ),
    (
        "Hold the badge in the frame.",
        "Ponga la credencial en el recuadro.",
    ),
    ("Signed", "Firmado"),
    (
        "Left unsigned for the review",
        "Sin firmar, para la revisión",
    ),
    ("Nothing was recorded.", "No se registró nada."),
    ("Meal 1", "Comida 1"),
    ("Meal 2", "Comida 2"),
    ("Hours worked", "Horas trabajadas"),
    ("Paid the minimum", "Pagado el mínimo"),
    ("Bumps", "Suplementos"),
    ("Disputed", "Reclamado"),
];

/// `text` made safe inside HTML text and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An instant as the day's local time, "07:42".
pub fn local(tz: Tz, at: DateTime<Utc>) -> String {
    at.with_timezone(&tz).format("%H:%M").to_string()
}

/// The screens a role's navigation offers.
fn nav_of(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::Viewer => &[("/dashboard", "Dashboard"), ("/roster", "Roster")],
        Role::Supervisor => &[
            ("/dashboard", "Dashboard"),
            ("/roster", "Roster"),
            ("/review", "Review"),
            ("/wrap", "Wrap"),
            ("/scanner", "Scanner"),
        ],
        Role::Payroll => &[("/review", "Review"), ("/wrap", "Wrap")],
    }
}

/// A whole page: `body` (already HTML) under the navigation of `who`.
pub struct Page<'a> {
    pub title: &'a str,
    pub lang: Lang,
    pub who: Option<&'a WebUser>,
    /// The CSRF token for the sign-out form.
    pub csrf: &'a str,
    /// The path the language switch comes back to.
    pub here: &'a str,
    pub body: String,
}

impl Page<'_> {
    pub fn html(&self) -> String {
        let l = self.lang;
        let mut out = String::with_capacity(self.body.len() + 2048);
        let _ = write!(
            out,
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{} · extras-kiosk</title><link rel=\"stylesheet\" href=\"/static/app.css\">\
             <script src=\"/static/app.js\" defer></script></head><body><header><nav>",
            l.code(),
            esc(self.title)
        );
        if let Some(who) = self.who {
            for (href, label) in nav_of(who.role) {
                let current = if self.here.starts_with(href) {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                let _ = write!(out, "<a href=\"{href}\"{current}>{}</a>", l.tr(label));
            }
        }
        let (other, other_name) = match l {
            Lang::En => ("es", "Español"),
            Lang::Es => ("en", "English"),
        };
        let _ = write!(
            out,
            "<a class=\"lang\" href=\"/lang?to={other}&amp;back={}\" lang=\"{other}\">{other_name}</a>",
            esc(&url_encode(self.here))
        );
        if let Some(who) = self.who {
            let _ = write!(
                out,
                "<form method=\"post\" action=\"/signout\" class=\"signout\">\
                 <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
                 <button type=\"submit\">{} ({})</button></form>",
                esc(self.csrf),
                l.tr("Sign out"),
                esc(&who.name)
            );
        }
        let _ = write!(
            out,
            "</nav></header><main><h1>{}</h1>{}</main></body></html>",
            esc(self.title),
            self.body
        );
        out
    }

    pub fn response(&self) -> Response {
        html_response(StatusCode::OK, self.html())
    }
}

/// `body` as an HTML answer with `status`.
pub fn html_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// A short page saying why nothing is shown: 403, 404, 400, 413, 500.
pub fn plain(status: StatusCode, lang: Lang, words: &str) -> Response {
    let title = match status {
        StatusCode::NOT_FOUND => lang.tr("Not found"),
        StatusCode::FORBIDDEN => lang.tr("You may not see this page."),
        _ => status.canonical_reason().unwrap_or("Error"),
    };
    let body = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>\
         <body><main><h1>{}</h1><p>{}</p><p><a href=\"/\">extras-kiosk</a></p></main></body></html>",
        lang.code(),
        esc(title),
        esc(title),
        esc(words)
    );
    html_response(status, body)
}

/// `text` when it is a path of this app (never another site: no `//`,
/// no backslash, no scheme), for a page to go back to.
pub fn local_path(text: &str) -> Option<&str> {
    let ok = text.starts_with('/')
        && !text.starts_with("//")
        && !text.contains('\\')
        && !text.chars().any(char::is_control)
        && text.len() <= 200;
    ok.then_some(text)
}

/// `text` for a URL's query.
pub fn url_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_name_is_text() {
        assert_eq!(
            esc("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            esc("O'Neil \"Bo\" & co"),
            "O&#39;Neil &quot;Bo&quot; &amp; co"
        );
    }

    #[test]
    fn every_spanish_word_is_one_the_pages_use_once() {
        let mut seen = std::collections::HashSet::new();
        for (en, es) in SPANISH {
            assert!(seen.insert(en), "{en} twice");
            assert!(!es.is_empty());
        }
        assert_eq!(Lang::Es.tr("Arrived"), "Llegados");
        assert_eq!(Lang::Es.tr("no such words"), "no such words");
    }
}
