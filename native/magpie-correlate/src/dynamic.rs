//! What "looks dynamic", and variable names.
use std::collections::HashSet;

/// A value a user would not type and a page would not hard-code: long random-looking tokens,
/// ids mixing letters and digits, UUIDs, long numbers. Words, short numbers, paths and URLs
/// are not candidates on their own.
pub fn looks_dynamic(v: &str) -> bool {
    let len = v.chars().count();
    if len < 6 || (v.starts_with('/') && !is_base64_token(v)) {
        return false;
    }
    // URIs of any scheme (`https://…`, `apex://Ctrl/ACTION$get`, `urn:…` is kept: ids use it).
    if let Some((scheme, _)) = v.split_once("://") {
        if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')) {
            return false;
        }
    }
    if v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    // Brackets and quotes make code, markup or a query (`query($id:ID!){order(id:$id){total}}`);
    // tokens are drawn from base64, hex, URL-safe or URL-encoded alphabets.
    if v.contains(['{', '}', '(', ')', '<', '>', '[', ']', '"', '\'', '`']) {
        return false;
    }
    // Names built of words and small indexes (`searchForm:results:0:open`,
    // `ctl00$Main$btnSave`, `Select$1`): component ids and postback arguments a page
    // hard-codes, not tokens.
    let parts: Vec<&str> = v.split([':', '.', '_', '$', '-']).collect();
    // (Two parts only with a component separator: `-`/`_` also occur in base64url tokens.)
    if (parts.len() >= 3 || (parts.len() == 2 && v.contains([':', '$'])))
        && parts.iter().all(|p| {
            is_word(p)
                || (p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
                || (p.len() <= 6 && is_word(p.trim_end_matches(|c: char| c.is_ascii_digit())))
        })
    {
        return false;
    }
    // ASP.NET AJAX's `ScriptManager1=UpdatePanel1|Button1`: a panel and the control that posted.
    if let Some((panel, control)) = v.split_once('|') {
        let control_id = |p: &str| {
            let stem = p.trim_end_matches(|c: char| c.is_ascii_digit());
            p.len() - stem.len() <= 3 && is_word(stem)
        };
        if control_id(panel) && control_id(control) {
            return false;
        }
    }
    let digits = v.chars().filter(|c| c.is_ascii_digit()).count();
    let lower = v.chars().filter(|c| c.is_lowercase()).count();
    let upper = v.chars().filter(|c| c.is_uppercase()).count();
    let letters = lower + upper;
    if digits == len {
        return len >= 6;
    }
    // Long numbers joined by separators: JSF's `-4602…:8813…` view state, card-like ids.
    if digits >= 12 && v.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | ':' | '.' | '_')) {
        return true;
    }
    if len >= 8 && digits > 0 && letters > 0 {
        return true;
    }
    if len >= 32 && letters > 0 {
        return true;
    }
    // Random letters have few vowels (about 1 in 5); words and identifiers built of words have
    // about 2 in 5 (`ExternalTrackingPageViewEvent`).
    let vowels = v.chars().filter(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u')).count();
    if letters >= 16 && vowels * 4 < letters {
        return true;
    }
    // Random mixed case is about half capitals; words and CamelCase identifiers far fewer.
    if letters >= 16 && upper * 10 >= letters * 3 && upper * 10 <= letters * 7 {
        return true;
    }
    if len >= 12 && lower > 0 && upper > 0 {
        // Random mixed case flips case often; CamelCase words ("XMLHttpRequest") rarely do.
        let letters_only: Vec<bool> = v.chars().filter(|c| c.is_alphabetic()).map(|c| c.is_uppercase()).collect();
        let flips = letters_only.windows(2).filter(|w| w[0] != w[1]).count();
        return flips * 3 >= letters;
    }
    len >= 32 && letters > 0
}

/// A base64 token that happens to start with `/` (ASP.NET's `__VIEWSTATE` is always `/wEP…`,
/// `__EVENTVALIDATION` `/wEd…`), not a path: one run of the base64 alphabet, no further `/`
/// before the padding or a `+`/`=` a path would not have, at least 16 characters.
fn is_base64_token(v: &str) -> bool {
    let body = &v[1..];
    v.len() >= 16
        && body.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        && (!body.contains('/') || body.contains('+') || v.ends_with('='))
}

/// The dynamic part of a value a request built from fixed text and one issued value (`sess_` +
/// token, `token|1`, `v2:token:0`): each run between two delimiters (or an end) that looks
/// dynamic while the text on either side of it does not. Longest first, at most eight.
pub fn dynamic_parts(v: &str) -> Vec<&str> {
    let cuts: Vec<usize> = v
        .char_indices()
        .filter(|(_, c)| matches!(c, '_' | '-' | ':' | '.' | '|' | '=' | '/' | '~' | ',' | ' ' | '+' | '!' | '*' | ';'))
        .map(|(i, _)| i)
        .collect();
    if cuts.is_empty() || cuts.len() > 12 {
        return vec![];
    }
    // Part boundaries: the start, just after each delimiter; each delimiter, the end.
    let starts = std::iter::once(0).chain(cuts.iter().map(|&i| i + 1));
    let mut parts: Vec<&str> = vec![];
    for start in starts {
        for end in cuts.iter().copied().filter(|&e| e > start).chain(std::iter::once(v.len())) {
            if (start, end) == (0, v.len()) {
                continue;
            }
            let part = &v[start..end];
            if part.len() >= 8 && looks_dynamic(part) && !looks_dynamic(&v[..start]) && !looks_dynamic(&v[end..]) && !parts.contains(&part) {
                parts.push(part);
            }
        }
    }
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    parts.truncate(8);
    parts
}

/// A short number (2–5 digits) a request sends: a server id only when a JSON response issued it
/// under an id field (`"id": 47`, `"postId": 47`) — see [`is_id_key`]; otherwise a quantity, a
/// page number, a price.
pub fn short_number(v: &str) -> bool {
    (2..=5).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) && !v.starts_with('0')
}

/// `id`, `postId`, `order_id`, `lineID` — not `paid`, `valid`, `width`.
pub fn is_id_key(k: &str) -> bool {
    let lower = k.to_ascii_lowercase();
    lower == "id" || lower.ends_with("_id") || lower.ends_with("-id") || (k.ends_with("Id") || k.ends_with("ID")) && k.len() > 2
}

/// A word or an identifier made of words (`results`, `searchForm`, `btnSave`, `ViewState`): ASCII
/// letters whose case changes seldom, not random mixed case (`qZxKvP`).
fn is_word(p: &str) -> bool {
    if p.is_empty() || p.len() > 24 || !p.chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    // Words carry few capitals (`MainContent`, `btnSave`); random text about half.
    let inner_upper = p.chars().skip(1).filter(|c| c.is_ascii_uppercase()).count();
    let all_upper = p.chars().all(|c| c.is_ascii_uppercase()) && p.len() <= 5;
    all_upper || inner_upper * 4 <= p.len()
}

/// Hands out JMeter variable names: `[A-Za-z_][A-Za-z0-9_]*`, unique within a plan.
#[derive(Default)]
pub struct NameAllocator {
    used: HashSet<String>,
    /// Next suffix to try per base name, so the 5,000th `csrf` does not retry 4,999 names.
    next: std::collections::HashMap<String, usize>,
}

impl NameAllocator {
    pub fn allocate(&mut self, hint: &str) -> String {
        let mut base: String =
            hint.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
        base = base.trim_matches('_').to_string();
        while base.contains("__") {
            base = base.replace("__", "_");
        }
        if base.is_empty() {
            base = "value".into();
        }
        if base.starts_with(|c: char| c.is_ascii_digit()) {
            base = format!("v_{base}");
        }
        let mut name = base.clone();
        let n = self.next.entry(base.clone()).or_insert(2);
        while !self.used.insert(name.clone()) {
            name = format!("{base}_{n}");
            *n += 1;
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dynamic_values() {
        // ASP.NET's view state and event validation start with `/`; a path does too.
        assert!(looks_dynamic("/wEPDwUKMTY3NzI0NjU4Mw9kFgICAw9kFgICAQ9kFgJmD2Q="));
        assert!(looks_dynamic("/wEdAAOUYbOi2mJzQ4tN3qZ0e2Xh"));
        assert!(!looks_dynamic("/account/orders/view") && !looks_dynamic("/static/js/app.min.js"));
        for v in ["-4602893118232461841:8813442070013219916", "4111-1111-1111-1111", "qZxKvPwL-mNbVcXzA_sDfGhJkL", "aBcD-eFgH-iJkL", "it-FJDKSZHEggIRbLRkxPTN", "mbPPBDbJBMXGPXOJhTPVWzrnDGMUmODB", "it-kp-eimbQOWHFpoewFRbB"] {
            assert!(looks_dynamic(v), "{v}");
        }
        for v in ["2026-11-24", "10:30:00", "1.2.3", "searchForm:results:0:open", "ctl00$MainContent$btnSave", "j_id1:javax.faces.ViewState:0", "Select$1", "page-12", "query($id:ID!){order(id:$id){total}}", "<b>x9k2m4q7</b>", "apex://Ctrl/ACTION$get", "https://a.example/x9k2m4q7", "UpdatePanel1|Button1", "MainContent_upGrid|btnSave"] {
            assert!(!looks_dynamic(v), "{v}");
        }
        assert_eq!(dynamic_parts("sess_Zk3LpQ9xW2mN7vB4"), ["Zk3LpQ9xW2mN7vB4"]);
        // Longest first: a response may hold the token with some of the fixed text.
        assert_eq!(dynamic_parts("v2:Zk3LpQ9xW2mN7vB4:0"), ["v2:Zk3LpQ9xW2mN7vB4", "Zk3LpQ9xW2mN7vB4:0", "Zk3LpQ9xW2mN7vB4"]);
        assert_eq!(dynamic_parts("sess_3f2b8c1e-9a7d-4e6f-8b21-0c5d7e9f1a34")[0], "3f2b8c1e-9a7d-4e6f-8b21-0c5d7e9f1a34");
        // A JWT's parts are all dynamic: none stands alone with fixed text around it.
        assert!(dynamic_parts("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U").is_empty());
        assert!(dynamic_parts("Zk3LpQ9xW2mN7vB4").is_empty());
        for k in ["id", "postId", "order_id", "lineID", "ID"] {
            assert!(is_id_key(k), "{k}");
        }
        for k in ["paid", "valid", "width", "Id_card", "grid"] {
            assert!(!is_id_key(k), "{k}");
        }
        assert!(short_number("47") && short_number("43711") && !short_number("7") && !short_number("047") && !short_number("123456"));
        for v in ["q2Xc9LmN0pR", "550e8400-e29b-41d4-a716-446655440000", "c-8f3a91", "1700000000123", "AbCdEfGhIjKlMn"] {
            assert!(looks_dynamic(v), "{v}");
        }
        for v in ["alice", "true", "12", "/account/orders", "https://x/y", "hello world 123", "password", "XMLHttpRequest", "ExternalTrackingPageViewEvent"] {
            assert!(!looks_dynamic(v), "{v}");
        }
    }

    #[test]
    fn names() {
        let mut a = NameAllocator::default();
        assert_eq!(a.allocate("X-CSRF-Token"), "x_csrf_token");
        assert_eq!(a.allocate("x-csrf-token"), "x_csrf_token_2");
        assert_eq!(a.allocate("1st"), "v_1st");
        assert_eq!(a.allocate("$$"), "value");
    }
}
