//! Plan mode within one element (the GUI's selected controller): extractors and replacements
//! only inside it; correlations issued outside are listed as such; the rest of the file is
//! untouched.
use magpie_har2jmx::{convert, correlate_plan, scope_named, Options};

#[test]
fn correlations_stay_inside_the_selected_element() {
    let har = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../jmeter-fixtures/har/shop.har")).unwrap();
    let (plan, _) = convert(&har, "shop.har", &Options { correlate: false, ..Default::default() }).unwrap();
    let doc = magpie_core::jmx::doc::JmxDoc::parse(plan.clone(), "shop.jmx").unwrap();
    let mut index = None;
    let mut span = 0..0;
    let mut n = 0;
    doc.walk(&mut |e, _| {
        if e.testname == "04 Catalogue" {
            index = Some(n);
            span = e.span.start..e.tree_span.as_ref().unwrap().end;
        }
        n += 1;
    });
    let index = index.expect("the shop plan has a `04 Catalogue` transaction");

    let all = correlate_plan(plan.clone(), "shop.jmx", har.clone(), "shop.har", &Options::default(), None, None).unwrap();
    let scoped = correlate_plan(plan.clone(), "shop.jmx", har, "shop.har", &Options::default(), None, Some(index)).unwrap();
    assert!(!scoped.applied.is_empty() && scoped.applied.len() < all.applied.len(), "{:?}", scoped.applied);
    assert!(scoped.skipped.iter().any(|s| s.reason.contains("outside the selected element")), "{:?}", scoped.skipped);
    // Everything before the element is byte-identical; the change is inside it.
    assert_eq!(&scoped.text[..span.start], &plan[..span.start]);
    let grown = scoped.text.len() - plan.len();
    assert_eq!(&scoped.text[span.end + grown..], &plan[span.end..]);
}

#[test]
fn a_scope_is_named_by_name_or_path_and_must_be_one_container() {
    let har = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../jmeter-fixtures/har/shop.har")).unwrap();
    let (plan, _) = convert(&har, "shop.har", &Options { correlate: false, ..Default::default() }).unwrap();
    let by_name = scope_named(&plan, "shop.jmx", "04 Catalogue").unwrap();
    assert_eq!(scope_named(&plan, "shop.jmx", "shop › Users › 04 Catalogue").unwrap(), by_name);
    // Not there; there but holding nothing (a config element); used twice.
    let missing = scope_named(&plan, "shop.jmx", "Checkout!").unwrap_err().to_string();
    assert!(missing.contains("shop.jmx") && missing.contains("Checkout!") && missing.contains("no thread group or controller"), "{missing}");
    assert!(scope_named(&plan, "shop.jmx", "HTTP Cookie Manager").is_err());
    let twice = plan.replacen("testname=\"05 Checkout\"", "testname=\"04 Catalogue\"", 1);
    assert_ne!(twice, plan, "the shop plan has a `05 Checkout` transaction");
    let ambiguous = scope_named(&twice, "shop.jmx", "04 Catalogue").unwrap_err().to_string();
    assert!(ambiguous.contains("2 elements have that name") && ambiguous.contains("shop › Users › 04 Catalogue"), "{ambiguous}");
}
