//! Building small HARs in tests.

/// One HAR entry as JSON: `req_headers` and `post` are JSON fragments (`post` starts with `,`),
/// `body` a JSON string literal.
pub fn entry(started: &str, method: &str, url: &str, req_headers: &str, post: &str, mime: &str, body: &str) -> String {
    format!(
        r#"{{"startedDateTime":"{started}","time":20,"request":{{"method":"{method}","url":"{url}","httpVersion":"HTTP/1.1","headers":[{req_headers}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":-1{post}}},
        "response":{{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[{{"name":"Content-Type","value":"{mime}"}}],"cookies":[],"content":{{"size":0,"mimeType":"{mime}","text":{body}}},"redirectURL":"","headersSize":-1,"bodySize":-1}},"cache":{{}},"timings":{{"send":0,"wait":20,"receive":0}}}}"#
    )
}

/// A HAR document of `entries`.
pub fn har(entries: &[String]) -> String {
    format!(r#"{{"log":{{"version":"1.2","creator":{{"name":"t","version":"1"}},"entries":[{}]}}}}"#, entries.join(","))
}
