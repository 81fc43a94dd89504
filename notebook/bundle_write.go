package notebook

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// WriteBundle writes the whole notebook (every article with its text,
// versions, metadata and source bytes, every annotation, tag record and
// trash entry) to w as a bundle, read in one transaction. It streams: one
// article is in memory at a time.
func (n *Notebook) WriteBundle(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// record writes sep and then v as compact JSON.
	record := func(sep string, v any) error {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		bw.WriteString(sep)
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	exported, err := json.Marshal(n.now().Truncate(time.Second))
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "{%q:%d,\n\"exported\":%s,\n\"articles\":[", bundleMarker, BundleVersion, exported)
	err = n.view(func(tx Tx) error {
		sep := "\n"
		if err := tx.ForEachArticle(func(a Article) error {
			rec, err := readBundleArticle(tx, a)
			if err != nil {
				return err
			}
			if err := record(sep, rec); err != nil {
				return fmt.Errorf("article %s: %w", a.ID, err)
			}
			sep = ",\n"
			return nil
		}); err != nil {
			return err
		}
		bw.WriteString("],\n\"tags\":[")
		sep = "\n"
		if err := tx.ForEachTag(func(t Tag) error {
			if err := record(sep, t); err != nil {
				return fmt.Errorf("tag %q: %w", t.Name, err)
			}
			sep = ",\n"
			return nil
		}); err != nil {
			return err
		}
		bw.WriteString("],\n\"trash\":[")
		sep = "\n"
		return tx.ForEachTrash(func(e TrashEntry) error {
			if err := record(sep, e); err != nil {
				return fmt.Errorf("trash entry %s: %w", e.ID, err)
			}
			sep = ",\n"
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	bw.WriteString("]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}

// readBundleArticle reads an article's record: its text, source, versions
// and annotations.
func readBundleArticle(tx Tx, a Article) (bundleArticle, error) {
	rec := bundleArticle{Article: a}
	var err error
	if rec.Body, err = tx.Body(a.ID); err != nil {
		return rec, err
	}
	if src, err := tx.Source(a.ID); err == nil {
		rec.Source = &src
	} else if !errors.Is(err, ErrNotFound) {
		return rec, err
	}
	if rec.Versions, err = tx.Versions(a.ID); err != nil {
		return rec, err
	}
	if rec.Annotations, err = tx.AnnotationsOf(a.ID); err != nil {
		return rec, err
	}
	return rec, nil
}
