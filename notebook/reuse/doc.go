// Package reuse finds text reuse between documents.
package reuse
