// Command pingpong measures the round trip of a message over loopback
// TCP in Go (Nagle off), the floor of a TCP mesh's latency in
// docs/scaling.md:
//
//	go run ./bench/scaling/pingpong 16 4096 65536
package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"slices"
	"strconv"
	"time"
)

func main() {
	for _, a := range os.Args[1:] {
		size, err := strconv.Atoi(a)
		if err != nil || size <= 0 {
			log.Fatalf("pingpong: want message sizes in bytes, have %q", a)
		}
		if err := measure(size, 20000); err != nil {
			log.Fatal(err)
		}
	}
}

// measure prints the median, 10th and 90th percentile of n round trips
// of size-byte messages.
func measure(size, n int) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.(*net.TCPConn).SetNoDelay(true)
		buf := make([]byte, size)
		for {
			if _, err := io.ReadFull(c, buf); err != nil {
				return
			}
			if _, err := c.Write(buf); err != nil {
				return
			}
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		return err
	}
	defer c.Close()
	c.(*net.TCPConn).SetNoDelay(true)
	buf := make([]byte, size)
	rtts := make([]float64, 0, n)
	for range n {
		t := time.Now()
		if _, err := c.Write(buf); err != nil {
			return err
		}
		if _, err := io.ReadFull(c, buf); err != nil {
			return err
		}
		rtts = append(rtts, float64(time.Since(t).Nanoseconds())/1000)
	}
	slices.Sort(rtts)
	fmt.Printf("%d bytes: median round trip %.1f µs (10%%: %.1f, 90%%: %.1f)\n", size, rtts[n/2], rtts[n/10], rtts[9*n/10])
	return nil
}
