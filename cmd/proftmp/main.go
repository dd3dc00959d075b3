package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/almanac-handbook/almanac/generator"
)

func main() {
	f, _ := os.Create(os.Args[3])
	pprof.StartCPUProfile(f)
	t := time.Now()
	res, err := generator.Build(context.Background(), generator.Options{Source: os.Args[1], Out: os.Args[2], Kinds: kinds()})
	pprof.StopCPUProfile()
	fmt.Println(time.Since(t), err, res.Pages)
}
