package storage

import "github.com/glossnotes/gloss/notebook"

// Doctor is the notebook.Doctor on bbolt files: CheckFile and Salvage.
type Doctor struct{}

var _ notebook.Doctor = Doctor{}

// CheckFile checks the file at path (see the package function CheckFile)
// and returns one line per problem.
func (Doctor) CheckFile(path string) ([]string, error) {
	ps, err := CheckFile(path)
	if err != nil {
		return nil, err
	}
	return problemLines(ps), nil
}

// Salvage copies what can be read of src into the new notebook dst (see
// the package function Salvage).
func (Doctor) Salvage(src, dst string) (notebook.SalvageReport, error) {
	r, err := Salvage(src, dst)
	out := notebook.SalvageReport{Source: r.Source, Dest: r.Dest, Copied: r.Copied, Notes: r.Notes}
	for _, it := range r.Repaired {
		out.Repaired = append(out.Repaired, it.String())
	}
	for _, it := range r.Lost {
		out.Lost = append(out.Lost, it.String())
	}
	return out, err
}
