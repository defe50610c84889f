//! A request URL split the way an HTTP Request sampler holds it. The path and query are kept
//! exactly as recorded (no normalisation), so the replayed request is the recorded one.

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Lower-cased (`HTTPS://` exists in the wild).
    pub scheme: String,
    /// Lower-cased; IPv6 literals keep their brackets.
    pub host: String,
    pub port: u16,
    pub explicit_port: bool,
    /// Path and query as recorded, fragment removed; `/` when empty.
    pub path_and_query: String,
}

impl Target {
    pub fn parse(url: &str) -> Option<Target> {
        let (scheme, rest) = url.split_once("://")?;
        if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return None;
        }
        let scheme = scheme.to_ascii_lowercase();
        let split = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..split];
        let authority = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
        let (host, port) = if let Some(stripped) = authority.strip_prefix('[') {
            let close = stripped.find(']')?;
            let host = format!("[{}]", &stripped[..close]);
            (host, stripped[close + 1..].strip_prefix(':'))
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p)),
                None => (authority.to_string(), None),
            }
        };
        if host.is_empty() {
            return None;
        }
        let default_port = match scheme.as_str() {
            "https" | "wss" => 443,
            _ => 80,
        };
        let (port, explicit_port) = match port.filter(|p| !p.is_empty()) {
            Some(p) => (p.parse().ok()?, true),
            None => (default_port, false),
        };
        let mut path = rest[split..].split('#').next().unwrap_or("").to_string();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        Some(Target { scheme, host: host.to_ascii_lowercase(), port, explicit_port, path_and_query: path })
    }

    /// `scheme://host[:port]` as the browser wrote it.
    pub fn origin(&self) -> String {
        if self.explicit_port {
            format!("{}://{}:{}", self.scheme, self.host, self.port)
        } else {
            format!("{}://{}", self.scheme, self.host)
        }
    }

    /// Resolves a Location value (absolute, scheme-relative, absolute-path or relative).
    pub fn resolve(&self, location: &str) -> String {
        if location.contains("://") {
            return location.to_string();
        }
        if let Some(rest) = location.strip_prefix("//") {
            return format!("{}://{rest}", self.scheme);
        }
        if location.starts_with('/') {
            return format!("{}{location}", self.origin());
        }
        let base_path = self.path_and_query.split('?').next().unwrap_or("/");
        let dir = &base_path[..base_path.rfind('/').map(|i| i + 1).unwrap_or(1)];
        if location.starts_with('?') {
            return format!("{}{base_path}{location}", self.origin());
        }
        format!("{}{dir}{location}", self.origin())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_world_urls() {
        let t = Target::parse("HTTPS://Www.Vzw.com/a/b?x=1#frag").unwrap();
        assert_eq!((t.scheme.as_str(), t.host.as_str(), t.port, t.explicit_port), ("https", "www.vzw.com", 443, false));
        assert_eq!(t.path_and_query, "/a/b?x=1");
        let t = Target::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!((t.port, t.path_and_query.as_str()), (8080, "/"));
        let t = Target::parse("http://[::1]:9000/x").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("[::1]", 9000));
        assert!(Target::parse("data:image/png;base64,xx").is_none());
    }

    #[test]
    fn resolves_locations() {
        let t = Target::parse("http://h:81/a/b?q=1").unwrap();
        assert_eq!(t.resolve("/c?d=2"), "http://h:81/c?d=2");
        assert_eq!(t.resolve("c"), "http://h:81/a/c");
        assert_eq!(t.resolve("https://x/y"), "https://x/y");
        assert_eq!(t.resolve("//x/y"), "http://x/y");
    }
}
