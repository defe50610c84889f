//! MK115 plain-text-secret
use magpie_core::jmx::doc::Property;

use crate::context::{Context, Elem};
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds literal values of things named like credentials: a password, passwd, pwd,
/// passphrase, secret, client secret, API key, access key, private key or `…token`, whether
/// a variable (User Defined Variables, Test Plan variables), a request parameter, a header
/// (`X-API-Key`), an HTTP Authorization Manager entry, or a property of an element (JDBC
/// Connection, SMTP, mail reader…). Values that use `${…}` are not reported, nor CSRF and
/// anti-forgery tokens (dynamic values, the correlation rules' business), nor multi-line
/// placeholder text.
///
/// ## Why it matters
/// Plans are committed, shared, attached to tickets and copied to load engines: a secret in
/// the .jmx leaks with it, and changing it means editing every plan. Read it from a property
/// (`${__P(api_key)}`, set with `-Japi_key=…` or in user.properties kept out of version
/// control) or from a CSV file of test accounts.
pub struct PlainTextSecret;

static META: RuleMeta = RuleMeta {
    code: "MK115",
    name: "plain-text-secret",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a password, secret, API key or token is written in the plan in plain text",
    why: "A secret in the .jmx leaks with every copy of the plan; read it from a property (${__P(name)}) or a CSV of test accounts.",
    fix: None,
};

/// Names of credentials: `password`, `db.passwd`, `X-API-Key`, `client_secret`, `access_token`,
/// `ctl00$LoginPwd` (words are compared without case or separators).
pub fn is_credential_name(name: &str) -> bool {
    // Called for every property of a plan: fold into a stack buffer, not a new String.
    let mut buf = [0u8; 96];
    let mut len = 0;
    for b in name.bytes().filter(u8::is_ascii_alphanumeric) {
        if len == buf.len() {
            return is_credential_folded(&name.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase()).collect::<Vec<u8>>());
        }
        buf[len] = b.to_ascii_lowercase();
        len += 1;
    }
    is_credential_folded(&buf[..len])
}

/// `n`: the name's ASCII letters and digits, lower-case.
fn is_credential_folded(n: &[u8]) -> bool {
    const PARTS: &[&[u8]] = &[b"password", b"passwd", b"passphrase", b"pwd", b"secret", b"apikey", b"accesskey", b"privatekey"];
    const NOT_SECRET_TOKENS: &[&[u8]] = &[b"csrf", b"xsrf", b"authenticity", b"verification", b"antiforgery", b"nonce"];
    let contains = |part: &[u8]| n.windows(part.len()).any(|w| w == part);
    PARTS.iter().any(|p| contains(p)) || (n.ends_with(b"token") && !NOT_SECRET_TOKENS.iter().any(|x| contains(x)))
}

fn is_literal_secret(v: &str) -> bool {
    !v.trim().is_empty() && !v.contains("${") && !v.contains('\n')
}

/// A credential-named literal somewhere in an element: (how to call it, its name, the property
/// holding the value). Names are tested before anything is formatted: most properties are not.
fn secrets<'a>(e: &Elem<'a>) -> Vec<(String, String, &'a Property)> {
    let el: &'a magpie_core::jmx::doc::TestElement = e.el;
    let props = el.all_props();
    let mut out = vec![];
    let mut inside_pairs = std::collections::HashSet::new();
    let found = |what: String, name: String, v: &'a Property, out: &mut Vec<_>| {
        if is_credential_name(&name) && is_literal_secret(&v.value) {
            out.push((what, name, v));
        }
    };
    for p in &props {
        if p.children.is_empty() {
            continue;
        }
        let pairs = [("Argument.name", "Argument.value", "variable"), ("Header.name", "Header.value", "header")];
        for (name_key, value_key, what) in pairs {
            if let (Some(n), Some(v)) = (p.prop(name_key), p.prop(value_key)) {
                let what = if what == "variable" && p.attr("elementType") == Some("HTTPArgument") { "parameter" } else { what };
                let name = n.value.trim().to_string();
                inside_pairs.insert(v.span.start);
                found(format!("{what} `{name}`"), name, v, &mut out);
            }
        }
        // Authorization Manager entries: the password belongs to the entry's URL.
        if let Some(v) = p.prop("Authorization.password") {
            let url = p.prop("Authorization.url").map(|u| u.value.trim()).unwrap_or("");
            inside_pairs.insert(v.span.start);
            found(format!("password for `{url}`"), "Authorization.password".to_string(), v, &mut out);
        }
    }
    for p in props {
        if p.children.is_empty()
            && p.kind == "stringProp"
            && !p.name.starts_with("Argument.")
            && !p.name.starts_with("Header.")
            && is_credential_name(&p.name)
            && !inside_pairs.contains(&p.span.start)
        {
            found(format!("property `{}`", p.name), p.name.clone(), p, &mut out);
        }
    }
    out
}

/// A property name for `${__P(…)}` made from the secret's name.
fn property_name(name: &str) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    let s: String = last.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c.to_ascii_lowercase() } else { '_' }).collect();
    if s.trim_matches('_').is_empty() { "secret".to_string() } else { s }
}

impl Rule for PlainTextSecret {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active() {
            for (what, name, value) in secrets(e) {
                let prop = property_name(&name);
                out.push(
                    Finding::at(&META, e, format!("{what} in `{}` is a literal secret ({} characters)", e.el.testname, value.value.chars().count()))
                        .with_fix(
                            Applicability::DisplayOnly,
                            format!("read it from a property, `${{__P({prop})}}` (run with -J{prop}=…), or from a CSV file"),
                            vec![ctx.set_value(value, &format!("${{__P({prop})}}"))],
                        ),
                );
            }
        }
    }
}
