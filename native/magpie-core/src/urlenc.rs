//! URL and form encoding as browsers and JMeter use them.
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// What `encodeURIComponent`-style form encoding leaves alone.
const FORM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'*');

/// `%XX` decoding; `+` becomes a space when `plus_as_space` (form and query values).
pub fn percent_decode(s: &str, plus_as_space: bool) -> String {
    let s = if plus_as_space { s.replace('+', " ") } else { s.to_string() };
    percent_encoding::percent_decode_str(&s).decode_utf8_lossy().into_owned()
}

/// Form encoding of a value (space as `+`), the way JMeter's `__urlencode` and browsers do it.
pub fn form_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, FORM).to_string().replace("%20", "+")
}

/// `a=1&b=x%20y` → [(a, 1), (b, "x y")].
pub fn parse_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k, true), percent_decode(v, true)),
            None => (percent_decode(p, true), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_roundtrip() {
        assert_eq!(parse_form("a=1&b=x%20y+z&c"), vec![("a".into(), "1".into()), ("b".into(), "x y z".into()), ("c".into(), "".into())]);
        assert_eq!(form_encode("a b/c=d"), "a+b%2Fc%3Dd");
        assert_eq!(percent_decode(&form_encode("ä ö&"), true), "ä ö&");
    }
}
