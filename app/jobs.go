package app

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// The app's background-work model (issue 14).
//
//   - Every piece of work that is not drawing runs off the Fyne goroutine:
//     reads in background jobs (UI.background), writes in one ordered write
//     queue (UI.write), so that a commit's fsync never holds up a frame.
//   - Work hands its result back with UI.post, which runs it on the Fyne
//     goroutine, and drops it once the UI has been shut down (the notebook
//     may be closed by then).
//   - Long jobs (import, export, index build) take the UI's context:
//     opening another notebook or quitting cancels it, and the notebook is
//     closed only after every job has returned (UI.shutdown, then wait).
//   - Progress reaches the UI at most every progressEvery.
//   - The display follows commits through one path: the notebook's change
//     feed (Notebook.Watch) calls UI.changed, which reads what the change
//     affects in one background job and applies it (refresh.go).

// progressEvery is the shortest interval between two progress updates
// posted to the UI.
const progressEvery = 50 * time.Millisecond

// jobRunner tracks background jobs and the write queue of one UI.
type jobRunner struct {
	ctx    context.Context
	cancel context.CancelFunc
	// stopped is set by shutdown; results posted afterwards are dropped.
	stopped atomic.Bool
	wg      sync.WaitGroup

	mu      sync.Mutex
	queue   []func()
	writing bool
}

func newJobRunner() *jobRunner {
	ctx, cancel := context.WithCancel(context.Background())
	return &jobRunner{ctx: ctx, cancel: cancel}
}

// post runs fn on the Fyne goroutine unless the UI has been shut down.
// Every result of background work goes through it.
func (ui *UI) post(fn func()) {
	if ui.jobs.stopped.Load() {
		return
	}
	ui.postFn(func() {
		if !ui.jobs.stopped.Load() {
			fn()
		}
	})
}

// background runs work on its own goroutine with the UI's context, then
// its result (when not nil) on the Fyne goroutine. Tests wait for it with
// settle.
func (ui *UI) background(work func(ctx context.Context) (apply func())) {
	if ui.jobs.stopped.Load() {
		return
	}
	ui.jobs.wg.Add(1)
	go func() {
		defer ui.jobs.wg.Done()
		if apply := work(ui.jobs.ctx); apply != nil {
			ui.post(apply)
		}
	}()
}

// write queues a notebook write. Writes run one at a time, in the order
// they were asked for, off the Fyne goroutine (each commit waits for its
// fsync); then apply (when not nil) runs on the Fyne goroutine, and the
// error (when not nil) is shown in a dialog after it. A write is not
// cancelled by shutdown: what the user did is committed before the
// notebook is closed.
func (ui *UI) write(work func() (apply func(), err error)) {
	j := ui.jobs
	if j.stopped.Load() {
		return
	}
	j.wg.Add(1)
	j.mu.Lock()
	j.queue = append(j.queue, func() {
		defer j.wg.Done()
		apply, err := work()
		if apply != nil || err != nil {
			ui.post(func() {
				if apply != nil {
					apply()
				}
				if err != nil {
					ui.showError(err)
				}
			})
		}
	})
	start := !j.writing
	j.writing = true
	j.mu.Unlock()
	if start {
		go j.drain()
	}
}

// drain runs queued writes until the queue is empty.
func (j *jobRunner) drain() {
	for {
		j.mu.Lock()
		if len(j.queue) == 0 {
			j.writing = false
			j.mu.Unlock()
			return
		}
		fn := j.queue[0]
		j.queue = j.queue[1:]
		j.mu.Unlock()
		fn()
	}
}

// shutdown cancels the UI's long jobs and stops results from reaching the
// window; wait (in the returned function) blocks until every job and
// queued write has returned, after which the notebook can be closed.
func (ui *UI) shutdown() (wait func()) {
	ui.jobs.stopped.Store(true)
	ui.jobs.cancel()
	return ui.jobs.wg.Wait
}

// throttle lets an event through at most once per interval (the first one
// always), for progress updates.
type throttle struct {
	every time.Duration
	now   func() time.Time
	mu    sync.Mutex
	last  time.Time
}

func newThrottle(every time.Duration, now func() time.Time) *throttle {
	return &throttle{every: every, now: now}
}

// ready reports whether an event may pass now, and if so counts it.
func (t *throttle) ready() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if !t.last.IsZero() && now.Sub(t.last) < t.every {
		return false
	}
	t.last = now
	return true
}
