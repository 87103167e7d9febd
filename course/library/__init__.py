"""The student library: what lessons call (the corpus, concepts, text statistics, live values of bank solutions)."""
