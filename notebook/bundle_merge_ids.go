package notebook

// IDs are unique across kinds in a notebook; the merge refuses bundle
// records that would break that (see merger).

import "errors"

// kind names what an ID is here.
type kind int

const (
	kindNone         kind = iota
	kindArticle           // a live article
	kindAnnotation        // a live annotation
	kindTrashArticle      // an article's trash entry
	kindTrashAnn          // an annotation's trash entry
	kindTrashedAnn        // an annotation inside an article's trash entry
)

func (k kind) String() string {
	return [...]string{"nothing", "an article", "an annotation", "a deleted article (in the trash)",
		"a deleted annotation (in the trash)", "an annotation of a deleted article (in the trash)"}[k]
}

// isArticle reports whether the kind is an article's, live or trashed.
func (k kind) isArticle() bool { return k == kindArticle || k == kindTrashArticle }

// isAnnotation reports whether the kind is an annotation's.
func (k kind) isAnnotation() bool {
	return k == kindAnnotation || k == kindTrashAnn || k == kindTrashedAnn
}

// kindsOf returns every kind of item this ID is here.
func (m *merger) kindsOf(id string) ([]kind, error) {
	var ks []kind
	if _, err := m.tx.Article(id); err == nil {
		ks = append(ks, kindArticle)
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if _, err := m.tx.Annotation(id); err == nil {
		ks = append(ks, kindAnnotation)
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if e, err := m.tx.Trash(id); err == nil {
		if e.Kind == TrashArticle {
			ks = append(ks, kindTrashArticle)
		} else {
			ks = append(ks, kindTrashAnn)
		}
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	trashed, err := m.trashedAnnotations()
	if err != nil {
		return nil, err
	}
	if _, ok := trashed[id]; ok {
		ks = append(ks, kindTrashedAnn)
	}
	return ks, nil
}

// clash returns the kind of item this ID is here that an article (article
// true) or annotation may not share it with, or kindNone.
func (m *merger) clash(id string, article bool) (kind, error) {
	ks, err := m.kindsOf(id)
	if err != nil {
		return kindNone, err
	}
	for _, k := range ks {
		if article && k.isAnnotation() || !article && k.isArticle() {
			return k, nil
		}
	}
	return kindNone, nil
}

// trashedAnnotations returns the IDs of the annotations inside article
// trash entries here, read once.
func (m *merger) trashedAnnotations() (map[string]string, error) {
	if m.trashedAnns != nil {
		return m.trashedAnns, nil
	}
	m.trashedAnns = map[string]string{}
	err := m.tx.ForEachTrash(func(e TrashEntry) error {
		m.noteTrash(e)
		return nil
	})
	return m.trashedAnns, err
}

// noteTrash records the annotations inside an article trash entry.
func (m *merger) noteTrash(e TrashEntry) {
	if e.Kind != TrashArticle || m.trashedAnns == nil {
		return
	}
	for _, a := range e.Annotations {
		m.trashedAnns[a.ID] = e.ID
	}
}
