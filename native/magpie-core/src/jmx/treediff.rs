//! The difference between two versions of a plan as operations on test elements, so a GUI can
//! change JMeter's tree in place (keeping its nodes, their selection and undo history) instead
//! of reloading the whole plan.
//!
//! Elements are named by their index in a depth-first, pre-order walk of the *before* plan (0 =
//! the Test Plan), the index findings and the GUI already use. Children are matched per parent
//! by a longest common subsequence over (tag, test class): a matched element whose own XML
//! changed is replaced in place, an unmatched old one removed, an unmatched new one inserted
//! with its whole subtree. Applied in the order given (resolve every index to a node first),
//! the operations turn the before tree into the after tree: per parent, removals come before
//! insertions, and insertions come in ascending final position.
use serde::Serialize;

use super::doc::{JmxDoc, TestElement};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TreeOp {
    /// The element's own XML (start tag to end tag, without its hashTree) changed: give the
    /// existing node the properties of `xml`.
    Replace { element: usize, xml: String },
    /// Remove the element and its subtree.
    Remove { element: usize },
    /// Insert `xml` (an element followed by its hashTree) as child number `position` of `parent`.
    Insert { parent: usize, position: usize, xml: String },
}

/// The operations that turn `before` into `after`; an error when the top level itself differs
/// in shape (a plan whose Test Plan was added or removed cannot be edited in place).
pub fn tree_ops(before: &JmxDoc, after: &JmxDoc) -> Result<Vec<TreeOp>, String> {
    if before.elements.len() != after.elements.len()
        || before.elements.iter().zip(&after.elements).any(|(a, b)| key(a) != key(b))
    {
        return Err("the top level of the plan changed; reload the plan instead".to_string());
    }
    let mut ops = vec![];
    let mut index = 0;
    for (a, b) in before.elements.iter().zip(&after.elements) {
        diff_element(before, after, a, b, index, &mut ops);
        index += size(a);
    }
    Ok(ops)
}

/// What must be equal for two elements to be "the same element, maybe edited".
fn key(e: &TestElement) -> (&str, &str) {
    (e.tag.as_str(), e.testclass.as_str())
}

/// Elements in `e`'s subtree, itself included.
fn size(e: &TestElement) -> usize {
    1 + e.children.iter().map(size).sum::<usize>()
}

fn own_xml<'s>(doc: &'s JmxDoc, e: &TestElement) -> &'s str {
    &doc.source[e.span.clone()]
}

fn subtree_xml(doc: &JmxDoc, e: &TestElement) -> String {
    match &e.tree_span {
        Some(tree) => format!("{}\n{}", own_xml(doc, e), &doc.source[tree.clone()]),
        None => format!("{}\n<hashTree/>", own_xml(doc, e)),
    }
}

fn diff_element(before: &JmxDoc, after: &JmxDoc, a: &TestElement, b: &TestElement, index: usize, ops: &mut Vec<TreeOp>) {
    if own_xml(before, a) != own_xml(after, b) {
        ops.push(TreeOp::Replace { element: index, xml: own_xml(after, b).to_string() });
    }
    let (olds, news) = (&a.children, &b.children);
    // Pre-order index of each old child.
    let mut old_index = Vec::with_capacity(olds.len());
    let mut next = index + 1;
    for c in olds {
        old_index.push(next);
        next += size(c);
    }
    let pairs = lcs(olds, news);
    let matched_old: Vec<bool> = (0..olds.len()).map(|i| pairs.iter().any(|&(o, _)| o == i)).collect();
    let matched_new: Vec<bool> = (0..news.len()).map(|j| pairs.iter().any(|&(_, n)| n == j)).collect();
    for (i, _) in olds.iter().enumerate().filter(|(i, _)| !matched_old[*i]) {
        ops.push(TreeOp::Remove { element: old_index[i] });
    }
    for (j, c) in news.iter().enumerate().filter(|(j, _)| !matched_new[*j]) {
        ops.push(TreeOp::Insert { parent: index, position: j, xml: subtree_xml(after, c) });
    }
    for &(i, j) in &pairs {
        diff_element(before, after, &olds[i], &news[j], old_index[i], ops);
    }
}

/// Index pairs of a longest common subsequence of the two child lists by [`key`].
fn lcs(olds: &[TestElement], news: &[TestElement]) -> Vec<(usize, usize)> {
    let a: Vec<_> = olds.iter().map(key).collect();
    let b: Vec<_> = news.iter().map(key).collect();
    crate::lcs::pairs(&a, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(body: &str) -> JmxDoc {
        let text = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\">\n<hashTree>\n<TestPlan testclass=\"TestPlan\" testname=\"P\"/>\n<hashTree>\n{body}\n</hashTree>\n</hashTree>\n</jmeterTestPlan>\n"
        );
        JmxDoc::parse(text, "p.jmx").unwrap()
    }

    const A: &str = "<ThreadGroup testclass=\"ThreadGroup\" testname=\"A\"><stringProp name=\"n\">1</stringProp></ThreadGroup>";
    const S1: &str = "<HTTPSamplerProxy testclass=\"HTTPSamplerProxy\" testname=\"s1\"/>";
    const S2: &str = "<HTTPSamplerProxy testclass=\"HTTPSamplerProxy\" testname=\"s2\"/>";
    const CM: &str = "<CookieManager testclass=\"CookieManager\" testname=\"c\"/>";

    #[test]
    fn identical_plans_need_nothing() {
        let body = format!("{A}<hashTree>{S1}<hashTree/>{S2}<hashTree/></hashTree>");
        assert_eq!(tree_ops(&plan(&body), &plan(&body)).unwrap(), vec![]);
    }

    #[test]
    fn an_edited_element_is_replaced_in_place() {
        let before = plan(&format!("{A}<hashTree>{S1}<hashTree/>{S2}<hashTree/></hashTree>"));
        let s2_off = S2.replace("testname=\"s2\"", "testname=\"s2\" enabled=\"false\"");
        let after = plan(&format!("{A}<hashTree>{S1}<hashTree/>{s2_off}<hashTree/></hashTree>"));
        assert_eq!(tree_ops(&before, &after).unwrap(), vec![TreeOp::Replace { element: 3, xml: s2_off }]);
    }

    #[test]
    fn an_added_element_is_inserted_at_its_place_with_its_subtree() {
        let before = plan(&format!("{A}<hashTree>{S1}<hashTree/>{S2}<hashTree/></hashTree>"));
        let after = plan(&format!("{A}<hashTree>{CM}\n<hashTree/>{S1}<hashTree/>{S2}<hashTree/></hashTree>"));
        assert_eq!(
            tree_ops(&before, &after).unwrap(),
            vec![TreeOp::Insert { parent: 1, position: 0, xml: format!("{CM}\n<hashTree/>") }]
        );
    }

    #[test]
    fn removed_elements_go_before_insertions_and_indices_name_the_old_tree() {
        let before = plan(&format!("{A}<hashTree>{S1}<hashTree>{CM}<hashTree/></hashTree>{S2}<hashTree/></hashTree>"));
        let after = plan(&format!("{A}<hashTree>{CM}<hashTree/>{S2}<hashTree/></hashTree>"));
        // Old walk: 0 P, 1 A, 2 s1, 3 c (under s1), 4 s2.
        assert_eq!(
            tree_ops(&before, &after).unwrap(),
            vec![TreeOp::Remove { element: 2 }, TreeOp::Insert { parent: 1, position: 0, xml: format!("{CM}\n<hashTree/>") }]
        );
    }

    #[test]
    fn a_changed_top_level_is_refused() {
        let before = plan(A);
        let other = JmxDoc::parse(
            "<jmeterTestPlan><hashTree><TestPlan testclass=\"TestPlan\"/><hashTree/><WorkBench testclass=\"WorkBench\"/><hashTree/></hashTree></jmeterTestPlan>".into(),
            "w.jmx",
        )
        .unwrap();
        assert!(tree_ops(&before, &other).is_err());
    }
}
