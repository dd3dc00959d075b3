// Package write puts a build's output in place atomically. A build writes
// into a fresh folder beside the output folder and swaps it in only when
// every file was written, so a failed build leaves the previous site as it
// was. Almanac replaces only folders that carry its marker file, so pointing
// --out at a folder of your own never erases it.
package write
