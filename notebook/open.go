package notebook

// Mode says how a front end opens a notebook.
type Mode int

// Open modes.
const (
	// ReadWrite opens the notebook for changes, creating the file when it
	// does not exist.
	ReadWrite Mode = iota
	// ReadOnly opens an existing notebook for reading only: it never
	// creates or modifies the file (and works on a file the user may not
	// write), and refuses a missing one with ErrNoNotebook.
	ReadOnly
)

// Opener opens the notebook file at path ("" for the default notebook) in
// the given mode. main wires the one implementation (storage's bbolt file)
// and hands it to both front ends, which never open stores themselves.
type Opener func(path string, mode Mode) (*Notebook, error)
