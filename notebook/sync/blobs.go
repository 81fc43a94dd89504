package sync

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func sortChanges(cs []Change) {
	slices.SortFunc(cs, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
}

// Blobs reads blobs from the repository through one git cat-file --batch
// process. It is not safe for concurrent use; Close stops the process.
type Blobs struct {
	repo   *Repo
	cancel context.CancelFunc
	cmd    *exec.Cmd
	in     *bufio.Writer
	inPipe io.WriteCloser
	out    *bufio.Reader
	broken error
}

// Blobs starts a blob reader.
func (r *Repo) Blobs(ctx context.Context) (*Blobs, error) {
	ctx, cancel := timeout(ctx, r.Timeout)
	cmd, err := r.command(ctx, "cat-file", "--batch")
	if err != nil {
		cancel()
		return nil, err
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, &GitError{Args: []string{"cat-file", "--batch"}, Err: err}
	}
	return &Blobs{repo: r, cancel: cancel, cmd: cmd, in: bufio.NewWriter(in), inPipe: in, out: bufio.NewReaderSize(out, 256<<10)}, nil
}

// Read returns the content of blob o, refusing one larger than max bytes
// (name says which file it is, for errors).
func (b *Blobs) Read(o OID, max int, name string) ([]byte, error) {
	if b.broken != nil {
		return nil, b.broken
	}
	fmt.Fprintf(b.in, "%s\n", o)
	if err := b.in.Flush(); err != nil {
		return nil, b.fail(fmt.Errorf("cat-file: %w", err))
	}
	header, err := b.out.ReadString('\n')
	if err != nil {
		return nil, b.fail(fmt.Errorf("cat-file: %w", err))
	}
	f := strings.Fields(header)
	if len(f) == 2 && f[1] == "missing" {
		return nil, fmt.Errorf("%s: blob %s is missing from the working copy", name, o)
	}
	if len(f) != 3 {
		return nil, b.fail(fmt.Errorf("cat-file: malformed header %q", shortString(header)))
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return nil, b.fail(fmt.Errorf("cat-file: malformed header %q", shortString(header)))
	}
	if f[1] != "blob" {
		if _, err := io.CopyN(io.Discard, b.out, size+1); err != nil {
			return nil, b.fail(err)
		}
		return nil, fmt.Errorf("%s: is a %s, not a file", name, f[1])
	}
	if size > int64(max) {
		// Stop rather than read a huge blob only to drop it.
		b.Close()
		b.broken = fmt.Errorf("%s: %d bytes (at most %d)", name, size, max)
		return nil, b.broken
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(b.out, data); err != nil {
		return nil, b.fail(fmt.Errorf("cat-file: %w", err))
	}
	if data[size] != '\n' {
		return nil, b.fail(fmt.Errorf("cat-file: blob %s not followed by a line break", o))
	}
	return data[:size], nil
}

// HasCommit reports whether the repository has commit o (without starting
// a git of its own, unlike Repo.HasCommit).
func (b *Blobs) HasCommit(o OID) (bool, error) {
	if b.broken != nil {
		return false, b.broken
	}
	fmt.Fprintf(b.in, "%s\n", o)
	if err := b.in.Flush(); err != nil {
		return false, b.fail(fmt.Errorf("cat-file: %w", err))
	}
	header, err := b.out.ReadString('\n')
	if err != nil {
		return false, b.fail(fmt.Errorf("cat-file: %w", err))
	}
	f := strings.Fields(header)
	if len(f) == 2 && f[1] == "missing" {
		return false, nil
	}
	if len(f) != 3 {
		return false, b.fail(fmt.Errorf("cat-file: malformed header %q", shortString(header)))
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return false, b.fail(fmt.Errorf("cat-file: malformed header %q", shortString(header)))
	}
	if _, err := io.CopyN(io.Discard, b.out, size+1); err != nil {
		return false, b.fail(fmt.Errorf("cat-file: %w", err))
	}
	return f[1] == "commit", nil
}

// Broken returns the error that stopped the reader, or nil.
func (b *Blobs) Broken() error { return b.broken }

func (b *Blobs) fail(err error) error {
	b.Close()
	b.broken = err
	return err
}

// Close stops the git process.
func (b *Blobs) Close() error {
	if b.cmd == nil {
		return nil
	}
	b.inPipe.Close()
	b.cancel()
	b.cmd.Wait()
	b.cmd = nil
	return nil
}

// FileChange is one change a commit makes: a file's new content (Data or,
// for content the repository has, Blob), or its removal.
type FileChange struct {
	Path   string
	Data   []byte
	Blob   OID
	Delete bool
}

// CommitSpec describes a commit to make.
type CommitSpec struct {
	// Parents are the commit's parents: none for the first commit, the
	// first parent's tree is where Changes apply, a second one makes a
	// merge.
	Parents []OID
	Author  Signature
	Message string
	Changes []FileChange
}

// Signature names who made a commit, and when.
type Signature struct {
	Name, Email string
	When        int64 // seconds since 1970
}

// clean removes what git refuses in a name or email.
func (s Signature) clean() Signature {
	fix := func(v string) string {
		v = strings.Map(func(r rune) rune {
			if r < 0x20 || r == '<' || r == '>' || r == 0x7f {
				return -1
			}
			return r
		}, v)
		return strings.TrimSpace(v)
	}
	s.Name, s.Email = fix(s.Name), fix(s.Email)
	if s.Name == "" {
		s.Name = "Gloss"
	}
	return s
}

// Commit makes a commit with git fast-import and returns it (as
// fast-import prints it); no ref is changed but WorkRef.
func (r *Repo) Commit(ctx context.Context, spec CommitSpec) (OID, error) {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(writeFastImport(pw, spec))
	}()
	out, err := r.run(ctx, pr, "fast-import", "--quiet", "--done", "--force")
	if err != nil {
		pr.CloseWithError(err)
		return OID{}, err
	}
	o, err := ParseOID(strings.TrimSpace(string(out)))
	if err != nil {
		return OID{}, fmt.Errorf("fast-import made no commit: %q", shortString(string(out)))
	}
	return o, nil
}

func writeFastImport(w io.Writer, spec CommitSpec) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	sig := spec.Author.clean()
	who := fmt.Sprintf("%s <%s> %d +0000", sig.Name, sig.Email, sig.When)
	fmt.Fprintf(bw, "reset %s\n", WorkRef)
	fmt.Fprintf(bw, "commit %s\nmark :1\nauthor %s\ncommitter %s\ndata %d\n%s\n", WorkRef, who, who, len(spec.Message), spec.Message)
	for i, p := range spec.Parents {
		if i == 0 {
			fmt.Fprintf(bw, "from %s\n", p)
		} else {
			fmt.Fprintf(bw, "merge %s\n", p)
		}
	}
	for _, c := range spec.Changes {
		if strings.ContainsAny(c.Path, "\n\"") || c.Path == "" || strings.HasPrefix(c.Path, "/") {
			return fmt.Errorf("commit: bad path %q", shortString(c.Path))
		}
		switch {
		case c.Delete:
			fmt.Fprintf(bw, "D %s\n", c.Path)
		case c.Data == nil && !c.Blob.IsZero():
			fmt.Fprintf(bw, "M 100644 %s %s\n", c.Blob, c.Path)
		default:
			fmt.Fprintf(bw, "M 100644 inline %s\ndata %d\n", c.Path, len(c.Data))
			bw.Write(c.Data)
			bw.WriteByte('\n')
		}
	}
	bw.WriteString("\nget-mark :1\ndone\n")
	return bw.Flush()
}

// Maintain repacks the working copy when fast-import has left many small
// packs (Gloss turns git's automatic gc off so that a sync never waits for
// a full repack).
func (r *Repo) Maintain(ctx context.Context) error {
	entries, err := os.ReadDir(filepath.Join(r.Dir, "objects", "pack"))
	if err != nil {
		return err
	}
	packs := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pack") {
			packs++
		}
	}
	if packs < 30 {
		return nil
	}
	_, err = r.run(ctx, nil, "repack", "-d", "-q", "--geometric=2")
	return err
}
