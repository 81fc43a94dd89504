package notebook

// The sync itself: export, fetch, merge, apply, push (see package sync
// for the format and the rules). The state machine that keeps it safe to
// kill at any moment:
//
//   - The notebook's sync setting names the commit the notebook reflects
//     (S). Nothing later than S is ever pushed before the notebook records
//     it, so at the start of every sync the working copy's branch is put
//     back on S: a commit made by a sync that was killed before recording
//     it is dropped and made again from the notebook (which still has its
//     changes), never applied twice.
//   - The export's commit L is recorded (S = L) in a transaction of its
//     own; local changes made meanwhile are found by the next comparison.
//   - The merge's commit M is applied and recorded (S = M) in one
//     transaction, which first checks that the notebook did not change
//     since the export (else the sync starts again).
//   - M is pushed only after that; a push that is rejected because
//     someone pushed meanwhile fetches and merges again. A sync killed
//     after recording M and before pushing it pushes it the next time.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	stdsync "sync"
	"time"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// SyncReport says what a sync did.
type SyncReport struct {
	Remote string `json:"remote"`
	Commit string `json:"commit"` // the commit the notebook now reflects
	// Sent counts the records (articles, annotations, tags) and texts
	// written out; Received the files that came in.
	Sent     int  `json:"sent"`
	Received int  `json:"received"`
	Pushed   bool `json:"pushed"`
	// Conflicts says what was changed on both sides and how it was
	// resolved; Refused names the remote's files not taken, and why;
	// Skipped the notebook's records not sent, and why.
	Conflicts []string `json:"conflicts,omitempty"`
	Refused   []string `json:"refused,omitempty"`
	Skipped   []string `json:"skipped,omitempty"`
}

// SyncStatus is the state of a notebook's sync.
type SyncStatus struct {
	Remote    string    `json:"remote"`
	Commit    string    `json:"commit,omitempty"`
	LastSync  time.Time `json:"last_sync,omitempty"`
	LastError string    `json:"last_error,omitempty"`
	ErrorAt   time.Time `json:"error_at,omitempty"`
	// Pending counts the records changed here since the last sync;
	// Unpushed the commits the remote has not received (as far as the
	// last fetch knows).
	Pending  int `json:"pending"`
	Unpushed int `json:"unpushed"`
}

// syncLocks let one sync of a notebook run at a time in the process (the
// app's automatic sync and a Sync menu item); notebooks sync in parallel.
// (Another process cannot open the notebook meanwhile.)
var (
	syncLocksMu stdsync.Mutex
	syncLocks   = map[string]*stdsync.Mutex{}
)

// syncLock returns the lock of the notebook at path.
func syncLock(path string) *stdsync.Mutex {
	syncLocksMu.Lock()
	defer syncLocksMu.Unlock()
	l, ok := syncLocks[path]
	if !ok {
		l = new(stdsync.Mutex)
		syncLocks[path] = l
	}
	return l
}

// SyncDir is the working copy of the notebook at path.
func SyncDir(path string) string { return path + ".sync" }

// ErrNotSyncing: the notebook has no remote.
var ErrNotSyncing = errSyncNotSet

// SyncInit makes the notebook sync through remote (a path to a bare
// repository, an SSH or HTTPS URL) and runs the first sync: an empty
// remote receives the notebook, a remote that holds one is merged with it.
// A notebook that already syncs elsewhere is refused unless force, which
// starts again with a new working copy.
func (n *Notebook) SyncInit(ctx context.Context, remote string, force bool) (SyncReport, error) {
	if err := gsync.CheckRemote(remote); err != nil {
		return SyncReport{}, fmt.Errorf("sync init: %w: %w", ErrInvalid, err)
	}
	if abs, err := absLocal(remote); err == nil {
		remote = abs
	}
	lock := syncLock(n.Path())
	lock.Lock()
	var st syncState
	err := n.update(func(tx Tx, c *Change) error {
		old, ok, err := readSyncState(tx)
		if err != nil {
			return err
		}
		if ok && old.Remote != remote && !force {
			return fmt.Errorf("%w: this notebook already syncs with %s (use --force to change)", ErrInvalid, old.Remote)
		}
		st = syncState{Remote: remote, Clock: old.Clock}
		c.Settings = true
		if err := journalAll(tx); err != nil {
			return err
		}
		return writeSyncState(tx, st)
	})
	if err == nil {
		dir := SyncDir(n.Path())
		if err = os.RemoveAll(dir); err == nil {
			_, err = gsync.InitRepo(ctx, dir, remote)
		}
	}
	lock.Unlock()
	if err != nil {
		return SyncReport{}, fmt.Errorf("sync init: %w", err)
	}
	return n.Sync(ctx)
}

// absLocal makes a remote that is an existing local path absolute.
func absLocal(remote string) (string, error) {
	if strings.Contains(remote, "://") || strings.Contains(remote, ":") && !strings.HasPrefix(remote, "/") && !strings.HasPrefix(remote, ".") {
		return "", errors.New("not a path")
	}
	if _, err := os.Stat(remote); err != nil {
		return "", err
	}
	return absPath(remote)
}

// Sync exchanges changes with the remote (see the state machine above).
// The error, if any, is also kept for SyncStatus.
func (n *Notebook) Sync(ctx context.Context) (SyncReport, error) {
	lock := syncLock(n.Path())
	lock.Lock()
	defer lock.Unlock()
	rep, err := n.sync(ctx)
	if err != nil {
		err = fmt.Errorf("sync: %w", err)
		msg := err.Error()
		// The failure is kept for SyncStatus; if even that cannot be
		// written (a damaged or full disk), both errors are returned.
		if werr := n.update(func(tx Tx, c *Change) error {
			st, ok, rerr := readSyncState(tx)
			if rerr != nil || !ok {
				return rerr
			}
			st.LastError, st.ErrorAt = msg, n.now()
			return writeSyncState(tx, st)
		}); werr != nil {
			err = errors.Join(err, fmt.Errorf("sync: record the failure: %w", werr))
		}
	}
	return rep, err
}

// maxRounds bounds the fetch–merge–push rounds of one sync (each round
// after the first means someone pushed meanwhile, or the notebook changed).
const maxRounds = 8

func (n *Notebook) sync(ctx context.Context) (SyncReport, error) {
	st, ok, err := n.loadSyncState()
	if err != nil {
		return SyncReport{}, err
	}
	if !ok {
		return SyncReport{}, errSyncNotSet
	}
	rep := SyncReport{Remote: st.Remote}
	sc, closeRepo, err := n.openWorkingCopy(ctx, st)
	if err != nil {
		return rep, err
	}
	defer closeRepo()
	for round := 0; round < maxRounds; round++ {
		done, err := n.syncRound(sc, &rep)
		if err != nil || done {
			return rep, err
		}
	}
	return rep, errors.New("the remote or the notebook kept changing; try again")
}

// repoComplete reports whether dir holds a bare repository git finished
// making (and Gloss finished setting up: the origin is its last setting).
func repoComplete(dir string) bool {
	for _, f := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return false
		}
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "config"))
	return err == nil && bytes.Contains(cfg, []byte(`[remote "origin"]`))
}

// openWorkingCopy opens (or makes again) the notebook's working copy.
func (n *Notebook) openWorkingCopy(ctx context.Context, st syncState) (syncCtx, func(), error) {
	dir := SyncDir(n.Path())
	repo := gsync.OpenRepo(dir)
	if !repoComplete(dir) {
		// Missing, or half made by an older Gloss killed while making
		// it: made again (the notebook holds everything; commits only
		// the lost copy had are found missing and made again).
		if err := os.RemoveAll(dir); err != nil {
			return syncCtx{}, nil, fmt.Errorf("working copy %s: %w", dir, err)
		}
		var ierr error
		if repo, ierr = gsync.InitRepo(ctx, dir, st.Remote); ierr != nil {
			return syncCtx{}, nil, ierr
		}
	}
	// A sync killed while git was writing leaves git's lock files; the
	// notebook's own lock keeps any other sync out meanwhile.
	if _, err := repo.ClearStaleLocks(); err != nil {
		return syncCtx{}, nil, err
	}
	blobs, err := repo.Blobs(ctx)
	if err != nil {
		return syncCtx{}, nil, err
	}
	return syncCtx{Context: ctx, repo: repo, blobs: blobs}, func() { blobs.Close() }, nil
}

// syncRound runs export, fetch, merge, apply and push once; done is false
// when it must run again.
func (n *Notebook) syncRound(sc syncCtx, rep *SyncReport) (bool, error) {
	st, _, err := n.loadSyncState()
	if err != nil {
		return false, err
	}
	S := st.commit()
	if !S.IsZero() {
		if has, err := sc.blobs.HasCommit(S); err != nil {
			return false, err
		} else if !has {
			// The working copy lost the commit (made anew, say): fetch,
			// and if the remote never had it, start from nothing.
			if _, _, err := sc.repo.Fetch(sc); err != nil {
				return false, fetchError(st.Remote, err)
			}
			if has, _ := sc.blobs.HasCommit(S); !has {
				S = gsync.OID{}
			}
		}
	}
	if err := sc.repo.SetRef(sc, gsync.LocalRef, S); err != nil {
		return false, err
	}
	idx, err := loadIndex(sc, S)
	if err != nil {
		return false, err
	}
	// The index is written back once, whatever the round ends with (it is
	// stamped with its commit, so any state of it is a valid cache).
	loaded := idx.Commit
	defer func() {
		if idx.Commit != loaded {
			idx.save(sc.repo.Dir)
		}
	}()
	// 1. Export.
	L, gen := S, st.Gen
	if S.IsZero() || st.Gen == 0 || n.generationNow() != st.Gen {
		ex, err := n.exportSnapshot(idx)
		if err != nil {
			return false, err
		}
		if ex.clashes > 0 {
			if err := n.fixTrashIDs(); err != nil {
				return false, err
			}
			if ex, err = n.exportSnapshot(idx); err != nil {
				return false, err
			}
		}
		rep.Skipped = ex.skipped
		gen = ex.gen
		if !ex.empty() {
			nRecords, nTexts := len(ex.records)+len(ex.removed), len(ex.texts)
			files, sums, high, err := stampExport(sc, idx, ex, st.Clock, n.now())
			if err != nil {
				return false, err
			}
			if len(files) > 0 {
				if exportHook != nil {
					exportHook(n, files)
				}
				var parents []gsync.OID
				if !S.IsZero() {
					parents = []gsync.OID{S}
				}
				syncPhase("export")
				if L, err = sc.repo.Commit(sc, gsync.CommitSpec{Parents: parents, Author: n.signature(), Message: commitMessage("Changes", nRecords, nTexts), Changes: files}); err != nil {
					return false, err
				}
				applyToIndex(idx, files, sums)
				idx.Commit = L
				rep.Sent += len(files)
				st.Clock = st.Clock.Max(high)
			}
		}
		if gen, err = n.recordCommit(sc, idx, &st, L, ex.gen); err != nil {
			return false, err
		}
	}
	// 2. Fetch.
	syncPhase("fetch")
	R, hasR, err := sc.repo.Fetch(sc)
	if err != nil {
		return false, fetchError(st.Remote, err)
	}
	if !hasR && L.IsZero() {
		// An empty notebook meets an empty remote: the first commit holds
		// the marker alone. (An empty notebook meeting a full remote makes
		// no commit of its own: it takes the remote's.)
		files := []gsync.FileChange{{Path: gsync.MarkerPath, Data: markerData()}}
		if L, err = sc.repo.Commit(sc, gsync.CommitSpec{Author: n.signature(), Message: commitMessage("Changes", 0, 0), Changes: files}); err != nil {
			return false, err
		}
		applyToIndex(idx, files, nil)
		idx.Commit = L
		rep.Sent += len(files)
		if gen, err = n.recordCommit(sc, idx, &st, L, gen); err != nil {
			return false, err
		}
	}
	M := L
	if hasR {
		anc := R == S && !S.IsZero() // nobody pushed since: L is S or after it
		if !anc && !L.IsZero() {
			if anc, err = sc.repo.IsAncestor(sc, R, L); err != nil {
				return false, err
			}
		}
		if !anc {
			// 3. Merge, 4. apply.
			var again bool
			M, again, err = n.mergeAndApply(sc, idx, st, L, R, gen, rep)
			if err != nil || again {
				return false, err
			}
		}
	}
	if err := sc.repo.SetRef(sc, gsync.LocalRef, M); err != nil {
		return false, err
	}
	rep.Commit = M.String()
	// 5. Push.
	if !hasR || R != M {
		syncPhase("push")
		switch err := sc.repo.Push(sc, M); {
		case errors.Is(err, gsync.ErrRejected):
			return false, nil
		case errors.Is(err, gsync.ErrNoGit):
			return false, err
		case err != nil:
			return false, fmt.Errorf("push to %s: %w", st.Remote, err)
		}
		rep.Pushed = true
	}
	sc.repo.Maintain(sc)
	return true, n.update(func(tx Tx, c *Change) error {
		cur, _, err := readSyncState(tx)
		if err != nil {
			return err
		}
		_, now := tx.Generation()
		if cur.Gen == now {
			cur.Gen = c.gen
		}
		cur.Last, cur.LastError, cur.ErrorAt = n.now(), "", time.Time{}
		c.Settings = true
		return writeSyncState(tx, cur)
	})
}

// fetchError names the remote in a failed fetch (a missing git says so
// alone).
func fetchError(remote string, err error) error {
	if errors.Is(err, gsync.ErrNoGit) {
		return err
	}
	return fmt.Errorf("fetch from %s: %w", remote, err)
}

// recordCommit points the working copy's branch at L, the commit of an
// export, and records it as the commit the notebook reflects (in a
// transaction of its own, see the state machine above); exGen is the
// generation the export saw. It returns the generation after the write.
func (n *Notebook) recordCommit(sc syncCtx, idx *syncIndex, st *syncState, L gsync.OID, exGen uint64) (uint64, error) {
	if err := sc.repo.SetRef(sc, gsync.LocalRef, L); err != nil {
		return 0, err
	}
	st.Commit = ""
	if !L.IsZero() {
		st.Commit = L.String()
	}
	var gen uint64
	if err := n.update(func(tx Tx, c *Change) error {
		_, now := tx.Generation()
		st.Gen = 0
		if now == exGen {
			st.Gen = c.gen
		}
		gen = c.gen
		c.Settings = true
		if err := resetJournal(tx, c, now != exGen); err != nil {
			return err
		}
		return writeSyncState(tx, *st)
	}); err != nil {
		return 0, err
	}
	return gen, nil
}

// generationNow is the notebook's current generation (0 on error).
func (n *Notebook) generationNow() uint64 {
	var g uint64
	n.view(func(tx Tx) error { _, g = tx.Generation(); return nil })
	return g
}

// mergeAndApply merges R into L, commits the result and applies it to the
// notebook. again is true when the notebook changed since the export.
func (n *Notebook) mergeAndApply(sc syncCtx, idx *syncIndex, st syncState, L, R gsync.OID, gen uint64, rep *SyncReport) (gsync.OID, bool, error) {
	B, hasB := gsync.OID{}, false
	if !L.IsZero() {
		var err error
		if B, hasB, err = sc.repo.MergeBase(sc, L, R); err != nil {
			return L, false, err
		}
	}
	dT, err := sc.repo.Diff(sc, B, R)
	if err != nil {
		return L, false, err
	}
	m := &syncMerger{ctx: sc, n: n, ours: idx, dT: map[string]gsync.Change{}, out: map[string]merged{},
		inputs: map[string]*mergeInput{}, texts: map[string]Body{}, groups: map[string]bool{},
		now: n.now(), clock: gsync.ClockAt(n.now()).Max(st.Clock.Next()), rep: rep}
	for _, c := range dT {
		m.dT[c.Path] = c
	}
	if err := m.mergeFiles(); err != nil {
		return L, false, err
	}
	if err := m.fixGroups(); err != nil {
		return L, false, err
	}
	if err := m.fixUnique(); err != nil {
		return L, false, err
	}
	fastForward := hasB && B == L || L.IsZero()
	theirs := func(p string) gsync.OID {
		if c, ok := m.dT[p]; ok {
			return c.New
		}
		if L.IsZero() {
			return gsync.OID{}
		}
		return idx.Files[p].Blob
	}
	var M gsync.OID
	if fastForward && len(m.files(theirs)) == 0 {
		M = R
	} else {
		parents := []gsync.OID{R}
		changes := m.files(theirs)
		if !fastForward {
			parents = []gsync.OID{L, R}
			changes = m.files(func(p string) gsync.OID { return idx.Files[p].Blob })
		}
		syncPhase("merge")
		if M, err = sc.repo.Commit(sc, gsync.CommitSpec{Parents: parents, Author: n.signature(), Message: commitMessage("Merge", len(rep.Conflicts), len(rep.Refused)), Changes: changes}); err != nil {
			return L, false, err
		}
	}
	incoming := m.files(func(p string) gsync.OID { return idx.Files[p].Blob })
	groups, tags, oldTags, err := m.collectGroups(incoming)
	if err != nil {
		return L, false, err
	}
	m.release()
	st.Clock = st.Clock.Max(m.high).Max(m.clock)
	st.Commit = M.String()
	changed := false
	err = n.update(func(tx Tx, c *Change) error {
		if _, now := tx.Generation(); now != gen {
			changed = true
			return errSyncAgain
		}
		holders, err := uniqueHolders(tx, groups)
		if err != nil {
			return err
		}
		if err := applyTags(tx, tags, oldTags); err != nil {
			return err
		}
		for _, g := range groups {
			if err := m.applyGroup(tx, c, g); err != nil {
				return err
			}
		}
		if err := m.applyTextKinds(tx, c, incoming, groups); err != nil {
			return err
		}
		if err := checkApplied(tx, groups, holders); err != nil {
			return fmt.Errorf("the merged records break the notebook's rules, nothing applied: %w", err)
		}
		syncPhase("apply")
		st.Gen = c.gen
		c.Settings = true
		// What the apply wrote matches M: not journaled.
		if err := resetJournal(tx, c, true); err != nil {
			return err
		}
		return writeSyncState(tx, st)
	})
	if changed {
		return L, true, nil
	}
	if err != nil {
		return L, false, err
	}
	rep.Received += len(incoming)
	applyToIndex(idx, incoming, m.sums)
	idx.Commit = M
	return M, false, nil
}

var errSyncAgain = errors.New("the notebook changed during the sync")

// phaseHook, set only by tests, is called as a sync reaches each phase:
// export, fetch, merge (before git writes the commit of the merge), apply
// (inside the apply's transaction, before it commits) and push, so that
// the kill tests can kill a sync there.
var phaseHook func(phase string)

func syncPhase(p string) {
	if phaseHook != nil {
		phaseHook(p)
	}
}

// signature is the commit author: the notebook's identity.
func (n *Notebook) signature() gsync.Signature {
	id := n.Identity()
	name, email := id, ""
	if i := strings.LastIndex(id, "<"); i >= 0 && strings.HasSuffix(id, ">") {
		name, email = strings.TrimSpace(id[:i]), id[i+1:len(id)-1]
	}
	return gsync.Signature{Name: name, Email: email, When: n.now().Unix()}
}

func commitMessage(what string, a, b int) string {
	if what == "Merge" {
		return fmt.Sprintf("Merge (Gloss): %d conflicts resolved, %d files refused\n", a, b)
	}
	return fmt.Sprintf("Gloss: %d records, %d texts\n", a, b)
}

// SyncStatus returns the remote, the last sync and what waits to go out.
// It waits for a sync of the notebook running in this process to end:
// counting what waits to go out reads the working copy, which a sync
// writes (and which opening it may repair).
func (n *Notebook) SyncStatus(ctx context.Context) (SyncStatus, error) {
	lock := syncLock(n.Path())
	lock.Lock()
	defer lock.Unlock()
	st, ok, err := n.loadSyncState()
	if err != nil {
		return SyncStatus{}, err
	}
	if !ok {
		return SyncStatus{}, errSyncNotSet
	}
	out := SyncStatus{Remote: st.Remote, Commit: st.Commit, LastSync: st.Last, LastError: st.LastError, ErrorAt: st.ErrorAt}
	S := st.commit()
	if st.Gen != 0 && n.generationNow() == st.Gen && !S.IsZero() {
		// nothing changed since the sync's last write
	} else {
		sc, closeRepo, err := n.openWorkingCopy(ctx, st)
		if err != nil {
			return out, err
		}
		defer closeRepo()
		if has, _ := sc.blobs.HasCommit(S); !has {
			S = gsync.OID{}
		}
		idx, err := loadIndex(sc, S)
		if err != nil {
			return out, err
		}
		ex, err := n.exportSnapshot(idx)
		if err != nil {
			return out, err
		}
		out.Pending = len(ex.records) + len(ex.removed)
	}
	if !S.IsZero() {
		repo := gsync.OpenRepo(SyncDir(n.Path()))
		R, hasR, _ := repo.Ref(ctx, gsync.RemoteRef)
		if !hasR {
			R = gsync.OID{}
		}
		if c, err := repo.Count(ctx, R, S); err == nil {
			out.Unpushed = c
		}
	}
	return out, nil
}
