package dates

// Version names the behaviour of Find and ForPassage. Indexes of dates
// found in stored texts record it, so that a change in what is found or
// how it is resolved rebuilds them: bump it with any such change.
const Version = "1"
