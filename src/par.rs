//! Data parallelism behind the `parallel` feature. With it, rayon's parallel
//! iterators; without it, the same method names over sequential iterators, so
//! the calling code is one and the results are identical (every parallel step
//! in the crate is a map, a stable reduction or a sort with a total order).

#[cfg(feature = "parallel")]
pub(crate) use rayon::iter::{
    IndexedParallelIterator, IntoParallelIterator, IntoParallelRefIterator, ParallelIterator,
};
#[cfg(feature = "parallel")]
pub(crate) use rayon::join;
#[cfg(feature = "parallel")]
pub(crate) use rayon::slice::{ParallelSlice, ParallelSliceMut};

#[cfg(not(feature = "parallel"))]
pub(crate) use sequential::*;

/// Drops `x` on another core when there is one: a stream's decoded runs are
/// freed beside the next ones' decoding instead of on the thread that reads
/// them in order (at 20,000,000 entities freeing them took that thread
/// seconds a pass).
#[cfg_attr(not(feature = "sqlite"), allow(dead_code))] // the stores' streams
pub(crate) fn drop_elsewhere<T: Send + 'static>(x: T) {
    #[cfg(feature = "parallel")]
    rayon::spawn(move || drop(x));
    #[cfg(not(feature = "parallel"))]
    drop(x);
}

#[cfg(not(feature = "parallel"))]
#[allow(dead_code)] // which shims are used depends on the other features
mod sequential {
    /// Runs `a` then `b`.
    pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB,
    {
        let ra = a();
        (ra, b())
    }

    /// `par_iter` and `par_chunks` over a slice, sequentially.
    pub(crate) trait ParallelSlice<T> {
        /// The slice's iterator.
        fn par_iter(&self) -> std::slice::Iter<'_, T>;
        /// The slice's chunks.
        fn par_chunks(&self, n: usize) -> std::slice::Chunks<'_, T>;
    }

    impl<T> ParallelSlice<T> for [T] {
        fn par_iter(&self) -> std::slice::Iter<'_, T> {
            self.iter()
        }
        fn par_chunks(&self, n: usize) -> std::slice::Chunks<'_, T> {
            self.chunks(n)
        }
    }

    /// Mutable chunks and sorts, sequentially.
    pub(crate) trait ParallelSliceMut<T> {
        /// The slice's mutable chunks.
        fn par_chunks_mut(&mut self, n: usize) -> std::slice::ChunksMut<'_, T>;
        /// `sort_unstable`.
        fn par_sort_unstable(&mut self)
        where
            T: Ord;
        /// `sort_unstable_by`.
        fn par_sort_unstable_by<F>(&mut self, f: F)
        where
            F: FnMut(&T, &T) -> std::cmp::Ordering;
        /// `sort_unstable_by_key`.
        fn par_sort_unstable_by_key<K: Ord, F>(&mut self, f: F)
        where
            F: FnMut(&T) -> K;
    }

    impl<T> ParallelSliceMut<T> for [T] {
        fn par_chunks_mut(&mut self, n: usize) -> std::slice::ChunksMut<'_, T> {
            self.chunks_mut(n)
        }
        fn par_sort_unstable(&mut self)
        where
            T: Ord,
        {
            self.sort_unstable()
        }
        fn par_sort_unstable_by<F>(&mut self, f: F)
        where
            F: FnMut(&T, &T) -> std::cmp::Ordering,
        {
            self.sort_unstable_by(f)
        }
        fn par_sort_unstable_by_key<K: Ord, F>(&mut self, f: F)
        where
            F: FnMut(&T) -> K,
        {
            self.sort_unstable_by_key(f)
        }
    }

    /// `into_par_iter`, sequentially.
    pub(crate) trait IntoParallelIterator: IntoIterator + Sized {
        /// The plain iterator.
        fn into_par_iter(self) -> Self::IntoIter {
            self.into_iter()
        }
    }

    impl<I: IntoIterator> IntoParallelIterator for I {}

    /// rayon's `map_init`, sequentially: one state for the whole run.
    pub(crate) trait ParallelIterator: Iterator + Sized {
        /// Maps with a state made once by `init`.
        fn map_init<S, R, I, F>(self, init: I, mut f: F) -> impl Iterator<Item = R>
        where
            I: FnOnce() -> S,
            F: FnMut(&mut S, Self::Item) -> R,
        {
            let mut state = init();
            self.map(move |x| f(&mut state, x))
        }
    }

    impl<T: Iterator> ParallelIterator for T {}
}
