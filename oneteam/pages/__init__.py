"""The site's own pages (home, code of conduct, privacy, accessibility): the top of the tree, so
they may read any app through its selectors, and no app imports them."""
