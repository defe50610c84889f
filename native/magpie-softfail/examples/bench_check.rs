//! Time per `Baseline::check` on a synthetic JSON and HTML body (the JVM benchmark is
//! `gradle benchSoftFailure`; this isolates the Rust side).
use std::time::Instant;

use magpie_softfail::{Baseline, Response};

fn main() {
    let mut json = String::from("{\"cart\":{\"id\":\"c-1\",\"items\":[");
    let mut i = 0;
    while json.len() < 20_000 {
        json.push_str(&format!("{}{{\"sku\":\"tea-{i}\",\"qty\":1,\"price\":4.5}}", if i == 0 { "" } else { "," }));
        i += 1;
    }
    json.push_str("]}}");
    let mut html = String::from("<html><head><title>Magpie Tea Shop</title></head><body>");
    while html.len() < 100_000 {
        html.push_str("<div class=\"item\"><a href=\"/item/1\">Tea number 1</a><span>4.50</span></div>\n");
    }
    for (name, ct, body) in [("json 20 KB", "application/json", json.as_str()), ("html 100 KB", "text/html", html.as_str())] {
        let r = Response { status: 200, content_type: ct, url: "http://h/x", body: body.as_bytes(), body_len: body.len() as u64 };
        let b = Baseline::from_recording(&r, 0.25);
        let n = 2000;
        let t = Instant::now();
        for _ in 0..n {
            assert!(b.check(&r).is_none());
        }
        println!("{name}: {:.1} µs per check", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    }
}
