package sync

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// needGit skips a test where git is missing (make test installs it).
func needGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

// bareRemote makes an empty bare repository to push to.
func bareRemote(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "remote.git")
	if out, err := exec.Command("git", "init", "--bare", "-q", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	return dir
}

func TestRepo_roundTrip(t *testing.T) {
	needGit(t)
	ctx := context.Background()
	remote := bareRemote(t)
	a, err := InitRepo(ctx, filepath.Join(t.TempDir(), "a.sync"), remote)
	if err != nil {
		t.Fatal(err)
	}
	b, err := InitRepo(ctx, filepath.Join(t.TempDir(), "b.sync"), remote)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := a.Fetch(ctx); err != nil || ok {
		t.Fatalf("Fetch of an empty remote = %v %v", ok, err)
	}
	sig := Signature{Name: "Amara <x>", Email: "amara@example.org", When: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC).Unix()}
	c1, err := a.Commit(ctx, CommitSpec{Author: sig, Message: "first", Changes: []FileChange{
		{Path: MarkerPath, Data: []byte("{}\n")},
		{Path: "texts/ab/one.json", Data: []byte("hello\n")},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Push(ctx, c1); err != nil {
		t.Fatal(err)
	}
	// b makes its own first commit: its push is rejected until it merges.
	c2, err := b.Commit(ctx, CommitSpec{Author: sig, Message: "other", Changes: []FileChange{{Path: "x.json", Data: []byte("x")}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Push(ctx, c2); !errors.Is(err, ErrRejected) {
		t.Fatalf("Push of a diverged commit = %v, want ErrRejected", err)
	}
	r, ok, err := b.Fetch(ctx)
	if err != nil || !ok || r != c1 {
		t.Fatalf("Fetch = %v %v %v, want %v", r, ok, err, c1)
	}
	if _, ok, err := b.MergeBase(ctx, c2, r); err != nil || ok {
		t.Fatalf("MergeBase of unrelated commits = %v %v", ok, err)
	}
	blob := BlobID([]byte("hello\n"))
	m, err := b.Commit(ctx, CommitSpec{Parents: []OID{c2, r}, Author: sig, Message: "merge", Changes: []FileChange{
		{Path: "texts/ab/one.json", Blob: blob}, {Path: MarkerPath, Data: []byte("{}\n")}, {Path: "x.json", Delete: true},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Push(ctx, m); err != nil {
		t.Fatal(err)
	}
	// The push moved the remote-tracking ref (origin's fetch refspec).
	if got, ok, err := b.Ref(ctx, RemoteRef); err != nil || !ok || got != m {
		t.Errorf("after the push, %s = %v %v %v, want %v", RemoteRef, got, ok, err, m)
	}
	tree, err := b.ListTree(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree) != 2 || tree["texts/ab/one.json"] != blob {
		t.Errorf("tree = %v", tree)
	}
	if anc, err := b.IsAncestor(ctx, r, m); err != nil || !anc {
		t.Errorf("IsAncestor = %v %v", anc, err)
	}
	changes, err := b.Diff(ctx, c2, m)
	if err != nil || len(changes) != 3 {
		t.Fatalf("Diff = %+v %v", changes, err)
	}
	blobs, err := b.Blobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer blobs.Close()
	if data, err := blobs.Read(blob, 100, "one"); err != nil || string(data) != "hello\n" {
		t.Errorf("Read = %q %v", data, err)
	}
	if _, err := blobs.Read(BlobID([]byte("nope")), 100, "nope"); err == nil {
		t.Error("Read of a missing blob succeeded")
	}
	for _, c := range []struct {
		o    OID
		want bool
	}{{m, true}, {c1, true}, {blob, false}, {BlobID([]byte("nope")), false}} {
		if has, err := blobs.HasCommit(c.o); err != nil || has != c.want {
			t.Errorf("HasCommit(%v) = %v %v, want %v", c.o, has, err, c.want)
		}
	}
	if data, err := blobs.Read(blob, 100, "one"); err != nil || string(data) != "hello\n" {
		t.Errorf("Read after HasCommit = %q %v", data, err)
	}
	if _, err := blobs.Read(blob, 3, "one"); err == nil {
		t.Error("Read over the limit succeeded")
	}
	// a fetches b's merge: a fast-forward. A blob reader started before
	// the fetch sees the commits it brought (git looks again for packs).
	ab, err := a.Blobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer ab.Close()
	if has, err := ab.HasCommit(m); err != nil || has {
		t.Fatalf("HasCommit before the fetch = %v %v", has, err)
	}
	got, _, err := a.Fetch(ctx)
	if err != nil || got != m {
		t.Fatalf("a.Fetch = %v %v", got, err)
	}
	if has, err := ab.HasCommit(m); err != nil || !has {
		t.Errorf("HasCommit after the fetch = %v %v", has, err)
	}
	if n, err := a.Count(ctx, c1, m); err != nil || n != 2 {
		t.Errorf("Count = %d %v", n, err)
	}
}

func TestRepo_errors(t *testing.T) {
	needGit(t)
	ctx := context.Background()
	for _, bad := range []string{"", "--upload-pack=touch /tmp/x", "a\nb"} {
		if err := CheckRemote(bad); err == nil {
			t.Errorf("CheckRemote(%q) accepted", bad)
		}
	}
	r, err := InitRepo(ctx, filepath.Join(t.TempDir(), "c.sync"), filepath.Join(t.TempDir(), "missing.git"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = r.Fetch(ctx)
	var ge *GitError
	if !errors.As(err, &ge) {
		t.Fatalf("Fetch from a missing remote = %v, want a GitError", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, _, err := r.Fetch(ctx); !errors.Is(err, ErrNoGit) {
		t.Errorf("without git: %v", err)
	}
}

// TestRepo_ClearStaleLocks: a lock file left by a killed git is removed,
// and git can update the ref again.
func TestRepo_ClearStaleLocks(t *testing.T) {
	needGit(t)
	ctx := context.Background()
	r, err := InitRepo(ctx, filepath.Join(t.TempDir(), "a.sync"), bareRemote(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.Commit(ctx, CommitSpec{Author: Signature{Name: "A"}, Message: "m", Changes: []FileChange{{Path: MarkerPath, Data: []byte("{}\n")}}})
	if err != nil {
		t.Fatal(err)
	}
	lock := filepath.Join(r.Dir, "refs", "heads", Branch+".lock")
	if err := os.MkdirAll(filepath.Dir(lock), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-staleLockAge - time.Minute)
	os.Chtimes(lock, old, old)
	if err := r.SetRef(ctx, LocalRef, c); err == nil {
		t.Fatal("git updated a locked ref: the test does not make a lock")
	}
	if n, err := r.ClearStaleLocks(); err != nil || n != 1 {
		t.Fatalf("ClearStaleLocks = %d, %v; want 1 removed", n, err)
	}
	if err := r.SetRef(ctx, LocalRef, c); err != nil {
		t.Fatalf("after clearing: %v", err)
	}
}

// TestInitRepo_remoteQuoted: a remote with quotes and backslashes reaches
// git's config as it was given.
func TestInitRepo_remoteQuoted(t *testing.T) {
	needGit(t)
	remote := filepath.Join(t.TempDir(), `odd "name" \ here.git`)
	r, err := InitRepo(context.Background(), filepath.Join(t.TempDir(), "q.sync"), remote)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.run(context.Background(), nil, "config", "remote.origin.url")
	if err != nil || strings.TrimSpace(string(out)) != remote {
		t.Errorf("remote.origin.url = %q %v, want %q", out, err, remote)
	}
	out, err = r.run(context.Background(), nil, "config", "fetch.fsckObjects")
	if err != nil || strings.TrimSpace(string(out)) != "true" {
		t.Errorf("fetch.fsckObjects = %q %v", out, err)
	}
}

// TestRepo_Ref: a ref is read from its loose file, from packed-refs after
// git packs it, and reported missing when neither has it.
func TestRepo_Ref(t *testing.T) {
	needGit(t)
	ctx := context.Background()
	r, err := InitRepo(ctx, filepath.Join(t.TempDir(), "r.sync"), bareRemote(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := r.Ref(ctx, LocalRef); err != nil || ok {
		t.Fatalf("Ref of a new repository = %v %v", ok, err)
	}
	sig := Signature{Name: "Ines", Email: "ines@example.org", When: 1700000000}
	c, err := r.Commit(ctx, CommitSpec{Author: sig, Message: "one", Changes: []FileChange{{Path: MarkerPath, Data: []byte("{}\n")}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetRef(ctx, LocalRef, c); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := r.Ref(ctx, LocalRef); err != nil || !ok || got != c {
		t.Fatalf("loose Ref = %v %v %v, want %v", got, ok, err, c)
	}
	if _, err := r.run(ctx, nil, "pack-refs", "--all"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, "refs", "heads", Branch)); !os.IsNotExist(err) {
		t.Fatalf("pack-refs left the loose ref: %v", err)
	}
	if got, ok, err := r.Ref(ctx, LocalRef); err != nil || !ok || got != c {
		t.Errorf("packed Ref = %v %v %v, want %v", got, ok, err, c)
	}
	if _, ok, err := r.Ref(ctx, RemoteRef); err != nil || ok {
		t.Errorf("Ref of a missing ref with packed-refs = %v %v", ok, err)
	}
	if err := r.SetRef(ctx, LocalRef, OID{}); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := r.Ref(ctx, LocalRef); err != nil || ok {
		t.Errorf("Ref after removing it = %v %v", ok, err)
	}
}
