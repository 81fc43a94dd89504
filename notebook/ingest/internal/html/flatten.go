package html

import "golang.org/x/net/html"

// flatten moves the descendants of every node at depth limit (the
// document being at depth 0) up to be that node's children, in document
// order, so that no node is deeper than limit+1. Text and elements are
// kept; only their nesting below limit is lost.
func flatten(doc *html.Node, limit int) {
	type item struct {
		n     *html.Node
		depth int
	}
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth == limit {
			flattenUnder(it.n)
			continue
		}
		for c := it.n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, item{c, it.depth + 1})
		}
	}
}

// flattenUnder makes every descendant of n a child of n, in document
// order.
func flattenUnder(n *html.Node) {
	var all []*html.Node
	stack := []*html.Node{}
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, c)
	}
	deep := false
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		all = append(all, c)
		for g := c.LastChild; g != nil; g = g.PrevSibling {
			stack = append(stack, g)
			deep = true
		}
	}
	if !deep {
		return
	}
	for _, c := range all {
		c.Parent, c.PrevSibling, c.NextSibling, c.FirstChild, c.LastChild = nil, nil, nil, nil, nil
	}
	n.FirstChild, n.LastChild = nil, nil
	for _, c := range all {
		n.AppendChild(c)
	}
}
