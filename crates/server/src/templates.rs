//! Server-rendered pages: minijinja templates embedded in the binary (strict undefined, HTML
//! auto-escaping) with a `t(key, **args)` function that looks messages up in the catalogue in the
//! page's language.

use crate::error::AppError;
use crate::i18n;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::value::{Kwargs, Serde, Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State, UndefinedBehavior};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct Files;

/// Static assets (the style sheet), served under `/static/`.
#[derive(RustEmbed)]
#[folder = "static/"]
pub struct Assets;

pub struct Templates {
    env: Environment<'static>,
}

fn translate(state: &State, key: &str, kwargs: Kwargs) -> Result<String, Error> {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "en".into());
    let mut args: Vec<(&str, FluentValue<'static>)> = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let fluent = match value.kind() {
            ValueKind::Number => match value.as_i64() {
                Some(n) => FluentValue::from(n),
                None => FluentValue::from(value.to_string()),
            },
            _ => FluentValue::from(value.to_string()),
        };
        args.push((name, fluent));
    }
    Ok(if args.is_empty() {
        i18n::tr(&lang, key)
    } else {
        i18n::tr_args(&lang, key, &args)
    })
}

/// `size(bytes)`: a file's size as people write it, in the page's language.
fn size(state: &State, bytes: u64) -> String {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "en".into());
    i18n::file_size(&lang, bytes)
}

/// `when(rfc3339)`: a moment as the page's reader reads it (in UTC: pages do not know the
/// reader's time zone); text that is no RFC 3339 time is shown as it is.
fn when(state: &State, at: &str) -> String {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "en".into());
    match time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339) {
        Ok(at) => i18n::moment(&lang, at, None),
        Err(_) => at.to_owned(),
    }
}

/// `left(until)`: the time from the page's `now` to `until` as people say it ("2 h 10 min
/// left"), in the page's language; empty once it has passed or when either is no time.
fn left(state: &State, until: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "en".into());
    let now = state
        .lookup("now")
        .and_then(|v| v.as_str().map(str::to_owned))
        .and_then(|now| time::OffsetDateTime::parse(&now, &Rfc3339).ok());
    let until = time::OffsetDateTime::parse(until, &Rfc3339).ok();
    match (now, until) {
        (Some(now), Some(until)) if until > now => i18n::time_left(&lang, until - now),
        _ => String::new(),
    }
}

/// `day("2027-06-01")`: a day as the page's reader writes it; other text as it is.
fn day(state: &State, text: &str) -> String {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "en".into());
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(text, &format) {
        Ok(date) => i18n::day(&lang, date),
        Err(_) => text.to_owned(),
    }
}

impl Templates {
    pub fn load() -> anyhow::Result<Templates> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        for name in Files::iter() {
            let file =
                Files::get(&name).ok_or_else(|| anyhow::anyhow!("template {name} vanished"))?;
            let source = String::from_utf8(file.data.into_owned())?;
            env.add_template_owned(name.to_string(), source)?;
        }
        env.add_function("t", translate);
        env.add_function("size", size);
        env.add_function("when", when);
        env.add_function("left", left);
        env.add_function("day", day);
        env.add_function("languages", || v(i18n::LANGUAGES));
        Ok(Templates { env })
    }

    /// Renders a template; `context` must carry `lang`.
    pub fn render(&self, name: &str, context: Value) -> Result<String, AppError> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| AppError::Internal(format!("template {name}: {e}")))?;
        template.render(context).map_err(|e| {
            let detail = if e.kind() == ErrorKind::UndefinedError {
                format!("undefined value in {name}: {e:#}")
            } else {
                format!("{e:#}")
            };
            AppError::Internal(detail)
        })
    }

    /// Names of every template, for the test that renders each in every language.
    pub fn names() -> Vec<String> {
        Files::iter().map(|n| n.to_string()).collect()
    }

    /// A mail from `mail/<name>.txt` in `lang`: the first line the template writes is the
    /// subject, the rest (after the blank line that follows it) the body.
    pub fn letter(
        &self,
        name: &str,
        lang: &str,
        values: &Value,
    ) -> Result<(String, String), AppError> {
        let template = format!("mail/{name}.txt");
        let text = self.render(
            &template,
            minijinja::context! { lang => lang, ..values.clone() },
        )?;
        let (subject, body) = text
            .split_once('\n')
            .ok_or_else(|| AppError::Internal(format!("{template} writes no body")))?;
        let subject = subject.trim();
        if subject.is_empty() {
            return Err(AppError::Internal(format!("{template} writes no subject")));
        }
        let body = body.trim_start_matches('\n').trim_end();
        Ok((subject.to_owned(), format!("{body}\n")))
    }
}

/// The templates, loaded once: they are embedded in the binary and never change while it runs.
pub fn shared() -> Result<&'static Templates, AppError> {
    static SHARED: std::sync::LazyLock<Result<Templates, String>> =
        std::sync::LazyLock::new(|| Templates::load().map_err(|e| format!("{e:#}")));
    SHARED
        .as_ref()
        .map_err(|e| AppError::Internal(format!("the templates do not load: {e}")))
}

/// Any serialisable value as a template value.
pub fn v<T: serde::Serialize>(value: T) -> Value {
    Value::from(Serde(value))
}
