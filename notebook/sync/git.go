package sync

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ErrNoGit: the system's git could not be found.
var ErrNoGit = errors.New("git is not installed or not on PATH: install Git (for example `apt install git`) to sync")

// GitError is a git command that failed: which, and what git said.
type GitError struct {
	Args   []string
	Stderr string
	Err    error
}

// Error names the command and quotes the end of git's message.
func (e *GitError) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if len(msg) > 600 {
		msg = "…" + msg[len(msg)-600:]
	}
	if msg == "" {
		return fmt.Sprintf("git %s: %v", strings.Join(e.Args, " "), e.Err)
	}
	return fmt.Sprintf("git %s: %v: %s", strings.Join(e.Args, " "), e.Err, msg)
}

// Unwrap returns the cause.
func (e *GitError) Unwrap() error { return e.Err }

// Repo runs the system's git on one bare repository (the working copy).
type Repo struct {
	// Dir is the repository's folder.
	Dir string
	// Timeout bounds each local command; NetTimeout each fetch and push.
	Timeout, NetTimeout time.Duration
}

// Default timeouts.
const (
	DefaultTimeout    = 10 * time.Minute
	DefaultNetTimeout = 10 * time.Minute
)

// Branch is the branch of the remote that holds the notebook.
const Branch = "main"

// Refs of the working copy.
const (
	LocalRef  = "refs/heads/" + Branch
	RemoteRef = "refs/remotes/origin/" + Branch
	// WorkRef names commits being made, before they are applied.
	WorkRef = "refs/gloss/work"
)

// OpenRepo returns the repository in dir (which must exist).
func OpenRepo(dir string) *Repo {
	return &Repo{Dir: dir, Timeout: DefaultTimeout, NetTimeout: DefaultNetTimeout}
}

// gitEnv is the environment git runs with: the user's (their SSH agent,
// credential helpers, proxies, HOME and configuration) without the
// variables that would point git at another repository, with prompts off
// and messages in English.
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
			"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_COMMON_DIR",
			"GIT_CEILING_DIRECTORIES", "GIT_TERMINAL_PROMPT", "LC_ALL", "LANGUAGE",
			"GIT_QUARANTINE_PATH", "GIT_REPLACE_REF_BASE", "GIT_NO_REPLACE_OBJECTS":
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "GIT_TERMINAL_PROMPT=0", "LC_ALL=C", "GIT_NO_REPLACE_OBJECTS=1")
	if os.Getenv("GLIBC_TUNABLES") == "" {
		// glibc gives memory back to the system whenever the top of the
		// heap is free, and git fast-import and cat-file allocate and free
		// a buffer per blob: on virtual machines, where that costs a page
		// table flush on every core, a 12,000-file commit took 20 s
		// instead of 0.7 s. Other C libraries ignore the variable.
		env = append(env, "GLIBC_TUNABLES=glibc.malloc.trim_threshold=268435456")
	}
	return env
}

// command prepares git with the repository and arguments.
func (r *Repo) command(ctx context.Context, args ...string) (*exec.Cmd, error) {
	path, err := exec.LookPath("git")
	if err != nil {
		return nil, ErrNoGit
	}
	full := append([]string{"--git-dir=" + r.Dir, "-c", "core.hooksPath=/dev/null"}, args...)
	cmd := exec.CommandContext(ctx, path, full...)
	cmd.Env = gitEnv()
	cmd.Dir = r.Dir
	cmd.WaitDelay = 5 * time.Second
	ownGroup(cmd)
	return cmd, nil
}

// timeout returns a context bounded by d.
func timeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		d = DefaultTimeout
	}
	return context.WithTimeout(ctx, d)
}

// run runs git and returns its standard output; a non-zero exit is a
// *GitError.
func (r *Repo) run(ctx context.Context, stdin io.Reader, args ...string) ([]byte, error) {
	return r.runFor(ctx, r.Timeout, stdin, args...)
}

func (r *Repo) runFor(ctx context.Context, d time.Duration, stdin io.Reader, args ...string) ([]byte, error) {
	ctx, cancel := timeout(ctx, d)
	defer cancel()
	cmd, err := r.command(ctx, args...)
	if err != nil {
		return nil, err
	}
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &out, &errb
	if err := cmd.Run(); err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("timed out after %v", d)
		}
		return out.Bytes(), &GitError{Args: args, Stderr: errb.String(), Err: err}
	}
	return out.Bytes(), nil
}

// exitCode is the exit status of a failed git, or -1.
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// InitRepo makes a new bare repository in dir (which must not exist or be
// empty) whose origin is remote. It is made beside dir and renamed into
// place when complete, so that a process killed meanwhile leaves no
// half-made working copy for the next sync to trip on.
func InitRepo(ctx context.Context, dir, remote string) (*Repo, error) {
	if err := CheckRemote(remote); err != nil {
		return nil, err
	}
	tmp := dir + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("working copy %s: %w", dir, err)
	}
	if err := initRepo(ctx, tmp, remote); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	if err := os.Remove(dir); err != nil && !os.IsNotExist(err) {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("working copy %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("working copy %s: %w", dir, err)
	}
	return OpenRepo(dir), nil
}

func initRepo(ctx context.Context, dir, remote string) error {
	r := OpenRepo(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("working copy %s: %w", dir, err)
	}
	if _, err := r.run(ctx, nil, "init", "--bare", "-q", "--initial-branch="+Branch); err != nil {
		return err
	}
	// The settings are appended to the new repository's config file in one
	// write rather than by one git config per setting (each git costs tens
	// of milliseconds to start).
	f, err := os.OpenFile(filepath.Join(dir, "config"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("working copy %s: %w", dir, err)
	}
	_, err = fmt.Fprintf(f, "[gc]\n\tauto = 0\n[core]\n\tlogAllRefUpdates = false\n[fetch]\n\tfsckObjects = true\n[remote \"origin\"]\n\turl = %s\n\tfetch = +%s:%s\n",
		configValue(remote), LocalRef, RemoteRef)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("working copy %s: %w", dir, err)
	}
	// gc.auto 0: Gloss repacks itself (Maintain).
	return nil
}

// configValue quotes a value for a git config file.
func configValue(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// SetRemote points origin at remote.
func (r *Repo) SetRemote(ctx context.Context, remote string) error {
	if err := CheckRemote(remote); err != nil {
		return err
	}
	if _, err := r.run(ctx, nil, "config", "remote.origin.url", remote); err != nil {
		return err
	}
	_, err := r.run(ctx, nil, "config", "remote.origin.fetch", "+"+LocalRef+":"+RemoteRef)
	return err
}

// CheckRemote refuses a remote that is empty, has control characters or
// starts with "-" (which git could read as an option).
func CheckRemote(remote string) error {
	switch {
	case strings.TrimSpace(remote) == "":
		return errors.New("the remote is empty: give a path to a bare repository, an SSH or an HTTPS URL")
	case strings.HasPrefix(remote, "-"):
		return fmt.Errorf("remote %q starts with '-'", shortString(remote))
	case strings.IndexFunc(remote, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		return fmt.Errorf("remote %q has a control character", shortString(remote))
	case len(remote) > 4096:
		return errors.New("the remote is longer than 4096 bytes")
	}
	return nil
}

// Ref returns the commit a ref names, and false when there is none. A
// loose ref is read from its file (git keeps refs there until it packs
// them, which only gc does, and a loose ref wins over a packed one); only
// a packed ref, or a repository whose refs are in a reftable (a user's
// init.defaultRefFormat), needs git.
func (r *Repo) Ref(ctx context.Context, name string) (OID, bool, error) {
	if _, terr := os.Stat(filepath.Join(r.Dir, "reftable")); os.IsNotExist(terr) {
		if data, err := os.ReadFile(filepath.Join(r.Dir, filepath.FromSlash(name))); err == nil {
			if o, err := ParseOID(strings.TrimSpace(string(data))); err == nil {
				return o, true, nil
			}
		} else if _, perr := os.Stat(filepath.Join(r.Dir, "packed-refs")); os.IsNotExist(err) && os.IsNotExist(perr) {
			return OID{}, false, nil
		}
	}
	out, err := r.run(ctx, nil, "rev-parse", "-q", "--verify", name+"^{commit}")
	if err != nil {
		if exitCode(errors.Unwrap(err)) == 1 {
			return OID{}, false, nil
		}
		return OID{}, false, err
	}
	o, err := ParseOID(strings.TrimSpace(string(out)))
	return o, err == nil, err
}

// SetRef points a ref at a commit; a zero commit removes the ref.
func (r *Repo) SetRef(ctx context.Context, name string, c OID) error {
	if now, ok, err := r.Ref(ctx, name); err == nil && (ok && now == c || !ok && c.IsZero()) {
		return nil // already so
	}
	if c.IsZero() {
		_, err := r.run(ctx, nil, "update-ref", "-d", name)
		return err
	}
	_, err := r.run(ctx, nil, "update-ref", name, c.String())
	return err
}

// HasCommit reports whether the repository has commit c.
func (r *Repo) HasCommit(ctx context.Context, c OID) (bool, error) {
	_, err := r.run(ctx, nil, "cat-file", "-e", c.String()+"^{commit}")
	if err == nil {
		return true, nil
	}
	if code := exitCode(errors.Unwrap(err)); code == 1 || code == 128 {
		return false, nil
	}
	return false, err
}

// Fetch fetches the remote's branch and returns its commit, or false when
// the remote has no such branch yet (an empty remote).
func (r *Repo) Fetch(ctx context.Context) (OID, bool, error) {
	_, err := r.runFor(ctx, r.NetTimeout, nil, "fetch", "--quiet", "--no-auto-gc", "--no-tags", "--no-write-fetch-head", "origin", "+"+LocalRef+":"+RemoteRef)
	if err != nil {
		// An empty remote has no branch to fetch; tell that from a
		// failure by asking for the branch alone.
		_, lerr := r.runFor(ctx, r.NetTimeout, nil, "ls-remote", "--exit-code", "origin", LocalRef)
		if lerr != nil && exitCode(errors.Unwrap(lerr)) == 2 {
			if err := r.SetRef(ctx, RemoteRef, OID{}); err != nil {
				return OID{}, false, err
			}
			return OID{}, false, nil
		}
		return OID{}, false, err
	}
	return r.Ref(ctx, RemoteRef)
}

// ErrRejected: the remote refused a push because it has commits this
// copy has not fetched yet.
var ErrRejected = errors.New("the remote has changes not fetched yet")

// Push sends commit c to the remote's branch; it returns ErrRejected when
// that is not a fast-forward (someone pushed meanwhile).
func (r *Repo) Push(ctx context.Context, c OID) error {
	out, err := r.runFor(ctx, r.NetTimeout, nil, "-c", "pack.window=4", "push", "--porcelain", "--quiet", "origin", c.String()+":"+LocalRef)
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "!") && strings.Contains(line, LocalRef) {
			if strings.Contains(line, "rejected") || strings.Contains(line, "fetch first") || strings.Contains(line, "non-fast-forward") {
				return ErrRejected
			}
		}
	}
	// git push has pointed RemoteRef at c (origin's fetch refspec maps it).
	return err
}

// MergeBase returns the best common ancestor of a and b, and false when
// they have none.
func (r *Repo) MergeBase(ctx context.Context, a, b OID) (OID, bool, error) {
	out, err := r.run(ctx, nil, "merge-base", a.String(), b.String())
	if err != nil {
		if exitCode(errors.Unwrap(err)) == 1 {
			return OID{}, false, nil
		}
		return OID{}, false, err
	}
	o, err := ParseOID(strings.TrimSpace(string(out)))
	return o, err == nil, err
}

// IsAncestor reports whether a is b or one of its ancestors.
func (r *Repo) IsAncestor(ctx context.Context, a, b OID) (bool, error) {
	if a == b {
		return true, nil
	}
	_, err := r.run(ctx, nil, "merge-base", "--is-ancestor", a.String(), b.String())
	if err == nil {
		return true, nil
	}
	if exitCode(errors.Unwrap(err)) == 1 {
		return false, nil
	}
	return false, err
}

// Count returns how many commits b has that a has not (a may be zero).
func (r *Repo) Count(ctx context.Context, a, b OID) (int, error) {
	spec := b.String()
	if !a.IsZero() {
		spec = a.String() + ".." + b.String()
	}
	out, err := r.run(ctx, nil, "rev-list", "--count", spec)
	if err != nil {
		return 0, err
	}
	var n int
	_, err = fmt.Sscanf(strings.TrimSpace(string(out)), "%d", &n)
	return n, err
}

// Limits on what a tree from the remote may hold.
const (
	// MaxTreeEntries bounds the files of a tree.
	MaxTreeEntries = 4_000_000
	// MaxPathBytes bounds a path.
	MaxPathBytes = 512
)

// Tree maps every file's path in a commit to its blob.
type Tree map[string]OID

// ListTree lists every file of commit c (a zero c is the empty tree).
// Entries that are not plain files are listed with a zero OID so that the
// caller can refuse them.
func (r *Repo) ListTree(ctx context.Context, c OID) (Tree, error) {
	t := Tree{}
	if c.IsZero() {
		return t, nil
	}
	err := r.stream(ctx, func(rd *bufio.Reader) error {
		for {
			rec, err := readZ(rd)
			if err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			meta, path, ok := strings.Cut(rec, "\t")
			if !ok {
				return fmt.Errorf("ls-tree: malformed line %q", shortString(rec))
			}
			f := strings.Fields(meta)
			if len(f) != 3 {
				return fmt.Errorf("ls-tree: malformed line %q", shortString(rec))
			}
			if len(t) >= MaxTreeEntries {
				return fmt.Errorf("commit %s has more than %d files", c, MaxTreeEntries)
			}
			var o OID
			if f[0] == "100644" && f[1] == "blob" {
				if o, err = ParseOID(f[2]); err != nil {
					return err
				}
			}
			t[path] = o
		}
	}, "ls-tree", "-r", "-z", "--full-tree", c.String())
	return t, err
}

// readZ reads one NUL-terminated record of at most MaxPathBytes+100 bytes.
func readZ(rd *bufio.Reader) (string, error) {
	line, err := rd.ReadSlice(0)
	if err == bufio.ErrBufferFull || len(line) > MaxPathBytes+100 {
		return "", fmt.Errorf("git output: a path longer than %d bytes", MaxPathBytes)
	}
	if err == io.EOF && len(line) == 0 {
		return "", io.EOF
	}
	if err != nil {
		return "", fmt.Errorf("git output: %w", err)
	}
	return string(line[:len(line)-1]), nil
}

// stream runs git and hands its standard output to read.
func (r *Repo) stream(ctx context.Context, read func(*bufio.Reader) error, args ...string) error {
	ctx, cancel := timeout(ctx, r.Timeout)
	defer cancel()
	cmd, err := r.command(ctx, args...)
	if err != nil {
		return err
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return &GitError{Args: args, Err: err}
	}
	rerr := read(bufio.NewReaderSize(out, 64<<10))
	if rerr != nil {
		cancel()
		cmd.Wait()
		return rerr
	}
	if err := cmd.Wait(); err != nil {
		return &GitError{Args: args, Stderr: errb.String(), Err: err}
	}
	return nil
}

// Change is a file that differs between two commits: its blob before
// and after (zero where the file does not exist).
type Change struct {
	Path     string
	Old, New OID
}

// Diff lists the files that differ between commits a and b (either may be
// zero, the empty tree), in path order.
func (r *Repo) Diff(ctx context.Context, a, b OID) ([]Change, error) {
	if a.IsZero() || b.IsZero() {
		ta, err := r.ListTree(ctx, a)
		if err != nil {
			return nil, err
		}
		tb, err := r.ListTree(ctx, b)
		if err != nil {
			return nil, err
		}
		return DiffTrees(ta, tb), nil
	}
	var out []Change
	err := r.stream(ctx, func(rd *bufio.Reader) error {
		for {
			meta, err := readZ(rd)
			if err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			path, err := readZ(rd)
			if err != nil {
				return fmt.Errorf("diff-tree: %w", err)
			}
			f := strings.Fields(strings.TrimPrefix(meta, ":"))
			if len(f) != 5 {
				return fmt.Errorf("diff-tree: malformed line %q", shortString(meta))
			}
			if len(out) >= MaxTreeEntries {
				return fmt.Errorf("more than %d files changed", MaxTreeEntries)
			}
			c := Change{Path: path}
			if f[0] == "100644" {
				c.Old, _ = ParseOID(f[2])
			}
			if f[1] == "100644" {
				c.New, _ = ParseOID(f[3])
			}
			if f[1] != "100644" && f[1] != "000000" {
				// Not a plain file: reported as changed to an unreadable
				// blob, which the caller refuses.
				c.New = OID{0xff}
			}
			out = append(out, c)
		}
	}, "diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", a.String(), b.String())
	return out, err
}

// DiffTrees lists the files that differ between two listed trees, in path
// order.
func DiffTrees(a, b Tree) []Change {
	var out []Change
	for p, o := range a {
		if n, ok := b[p]; !ok || n != o {
			out = append(out, Change{Path: p, Old: o, New: n})
		}
	}
	for p, n := range b {
		if _, ok := a[p]; !ok {
			out = append(out, Change{Path: p, New: n})
		}
	}
	sortChanges(out)
	return out
}
