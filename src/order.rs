//! Two small ordering tools used on the per-keystroke path: an insertion sort for the short
//! lists a query handles (candidate terms, highlight ranges), and a top-k collector for the
//! ranked results.
//!
//! Why not `sort_unstable_by`: each call site instantiates the standard library's full sorting
//! machinery, and a dozen of them added 30 KB to the wasm every family downloads. These lists
//! are short (at most a few hundred items), and top-k keeps only `k`, so simple code is also
//! fast here.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably. Quadratic: for short lists only.
pub fn insertion_sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Keeps the `k` smallest items offered (by `cmp`), in order.
pub struct TopK<T, F> {
    k: usize,
    items: Vec<T>,
    cmp: F,
}

impl<T, F: FnMut(&T, &T) -> Ordering> TopK<T, F> {
    pub fn new(k: usize, cmp: F) -> Self {
        TopK {
            k,
            items: Vec::with_capacity(k.min(1024) + 1),
            cmp,
        }
    }

    /// Offers an item; it is kept if it is among the `k` smallest so far.
    pub fn offer(&mut self, item: T) {
        if self.k == 0 {
            return;
        }
        if self.items.len() == self.k {
            let Some(worst) = self.items.last() else {
                return;
            };
            if (self.cmp)(&item, worst) != Ordering::Less {
                return;
            }
            self.items.pop();
        }
        let cmp = &mut self.cmp;
        let at = self
            .items
            .partition_point(|x| cmp(x, &item) != Ordering::Greater);
        self.items.insert(at, item);
    }

    /// The kept items, smallest first.
    pub fn into_vec(self) -> Vec<T> {
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn insertion_sort_sorts(mut v in proptest::collection::vec(any::<i32>(), 0..200)) {
            let mut expected = v.clone();
            expected.sort();
            insertion_sort_by(&mut v, |a, b| a.cmp(b));
            prop_assert_eq!(v, expected);
        }

        #[test]
        fn top_k_keeps_the_smallest(v in proptest::collection::vec(any::<i32>(), 0..300), k in 0usize..40) {
            let mut top = TopK::new(k, |a: &i32, b: &i32| a.cmp(b));
            for x in &v {
                top.offer(*x);
            }
            let mut expected = v.clone();
            expected.sort();
            expected.truncate(k);
            prop_assert_eq!(top.into_vec(), expected);
        }
    }
}
