//! Longest common subsequence of two sequences: how the plan-tree diff matches children and how
//! two recordings of one journey are aligned request by request.

/// Index pairs `(i, j)` of a longest common subsequence of `a` and `b` (`a[i] == b[j]`), in
/// order. The common prefix and suffix are matched directly, the middle by the classic table
/// (plans and journeys have tens to hundreds of items per level, not millions).
pub fn pairs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut start = 0;
    while start < a.len().min(b.len()) && a[start] == b[start] {
        out.push((start, start));
        start += 1;
    }
    let mut tail = vec![];
    let (mut end_a, mut end_b) = (a.len(), b.len());
    while end_a > start && end_b > start && a[end_a - 1] == b[end_b - 1] {
        end_a -= 1;
        end_b -= 1;
        tail.push((end_a, end_b));
    }
    let (x, y) = (&a[start..end_a], &b[start..end_b]);
    let mut table = vec![vec![0u32; y.len() + 1]; x.len() + 1];
    for i in (0..x.len()).rev() {
        for j in (0..y.len()).rev() {
            table[i][j] = if x[i] == y[j] { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i] == y[j] {
            out.push((start + i, start + j));
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out.extend(tail.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::pairs;

    #[test]
    fn matches_in_order() {
        assert_eq!(pairs(&["a", "b", "c"], &["a", "x", "c"]), vec![(0, 0), (2, 2)]);
        assert_eq!(pairs(&["a", "b"], &["x", "a", "b"]), vec![(0, 1), (1, 2)]);
        assert_eq!(pairs::<u8>(&[], &[1]), vec![]);
        assert_eq!(pairs(&[1, 2, 3, 4], &[2, 4]), vec![(1, 0), (3, 1)]);
    }
}
