package notebook

// Doctor checks and rescues notebook files that may be too damaged to open
// as a notebook. main wires the implementation (storage's) and hands it to
// both front ends.
type Doctor interface {
	// CheckFile checks the notebook file at path without opening it as a
	// notebook, one line per problem found (see Notebook.Check).
	CheckFile(path string) ([]string, error)
	// Salvage copies every readable, valid record of the notebook file
	// src into a new notebook file dst, never changing src.
	Salvage(src, dst string) (SalvageReport, error)
}

// SalvageReport says what a salvage saved and what it could not.
type SalvageReport struct {
	Source string `json:"source"`
	Dest   string `json:"dest"`
	// Copied counts the records written, by kind (articles, bodies,
	// sources, versions, annotations, tags, trash).
	Copied map[string]int `json:"copied"`
	// Repaired lists records kept with a change, Lost those that could not
	// be kept, one line each; Notes are about the file as a whole.
	Repaired []string `json:"repaired"`
	Lost     []string `json:"lost"`
	Notes    []string `json:"notes"`
}
