//! JSONPath for a leaf of a JSON document: generated in the subset Jayway JsonPath and our own
//! evaluator agree on (`$`, `.key`, `['key']`, `[index]`), then evaluated back as validation.
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Path of the first leaf whose text equals `value`, with the keys leading to it.
pub fn find_leaf(doc: &Value, value: &str) -> Option<(String, Vec<String>)> {
    find_leaf_under(doc, value, &|_| true)
}

/// Like [`find_leaf`], for the first leaf whose own key passes `key_ok` (e.g. an id field).
pub fn find_leaf_under(doc: &Value, value: &str, key_ok: &dyn Fn(&str) -> bool) -> Option<(String, Vec<String>)> {
    let mut trail = vec![];
    if !search(doc, value, &mut trail, key_ok) {
        return None;
    }
    let path = render(&trail)?;
    // Validation: the generated path must evaluate back to exactly this value.
    (eval(doc, &trail).and_then(leaf_text).as_deref() == Some(value)).then(|| {
        let keys = trail.iter().filter_map(|s| if let Seg::Key(k) = s { Some(k.clone()) } else { None }).collect();
        (path, keys)
    })
}

fn leaf_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

fn search(v: &Value, value: &str, trail: &mut Vec<Seg>, key_ok: &dyn Fn(&str) -> bool) -> bool {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                trail.push(Seg::Key(k.clone()));
                if search(x, value, trail, key_ok) {
                    return true;
                }
                trail.pop();
            }
            false
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                trail.push(Seg::Index(i));
                if search(x, value, trail, key_ok) {
                    return true;
                }
                trail.pop();
            }
            false
        }
        leaf => {
            leaf_text(leaf).as_deref() == Some(value)
                && match trail.last() {
                    Some(Seg::Key(k)) => key_ok(k),
                    _ => key_ok(""),
                }
        }
    }
}

fn render(trail: &[Seg]) -> Option<String> {
    let mut out = String::from("$");
    for seg in trail {
        match seg {
            Seg::Key(k) if is_plain_key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Key(k) if !k.contains('\'') && !k.contains('\\') => {
                out.push_str("['");
                out.push_str(k);
                out.push_str("']");
            }
            Seg::Key(_) => return None,
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    Some(out)
}

fn is_plain_key(k: &str) -> bool {
    let mut chars = k.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn eval<'a>(doc: &'a Value, trail: &[Seg]) -> Option<&'a Value> {
    trail.iter().try_fold(doc, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_validates() {
        let doc: Value = serde_json::from_str(r#"{"cart":{"id":"c-123abc","items":[{"sku-id":77123456}]}}"#).unwrap();
        assert_eq!(find_leaf(&doc, "c-123abc").unwrap().0, "$.cart.id");
        let (p, keys) = find_leaf(&doc, "77123456").unwrap();
        assert_eq!(p, "$.cart.items[0]['sku-id']");
        assert_eq!(keys, vec!["cart", "items", "sku-id"]);
        assert!(find_leaf(&doc, "nope").is_none());
    }
}
