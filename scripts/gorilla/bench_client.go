// Command bench_client runs one client workload against a WebSocket echo server
// on gorilla/websocket: the reference the wisp-bench client is compared with.
// It follows the wisp-bench contract:
//
//	bench_client client URL WORKLOAD [-timeout 300s]
//
// and prints one line "RESULT <workload> <value> <unit> <lower|higher>" (which
// direction is better), plus "INFO ..." lines, among them "INFO <workload> cpu
// <ms> ms": the process's CPU time (user + system) over the timed part. Exit status: 0 ok, 1 a check
// or I/O failed, 2 could not connect, 3 timed out, 64 usage.
//
// Workloads (MB = 10^6 bytes of payload, one direction; each message is echoed
// back and its type and length are checked, its content too in the untimed
// verification round / first round trip):
//
//	rtt64       1,000 warm-up then 10,000 sequential round trips of a 64-byte
//	            text message; RESULT p50 in µs (lower); INFO p99, mean, min, max.
//	pipelined64 1,000 sequential warm-up round trips, then 100,000 64-byte text
//	            messages written as fast as possible by one goroutine while
//	            another reads the echoes; messages/s until the last echo (higher).
//	msg16k      2,000 sequential round trips of a 16 KiB binary message (MB/s).
//	text16m     20 sequential round trips of a 16 MiB ASCII text message (MB/s).
//	binary16m   20 sequential round trips of a 16 MiB binary message (MB/s).
//	frag16m     20 round trips of a 16 MiB binary message sent as 4 KiB frames (MB/s).
//	frag1m64    10 round trips of a 1 MiB binary message sent as 64-byte frames (MB/s).
//
// The MB/s workloads run one untimed verification round trip (content checked)
// before the timed ones.
//
// gorilla notes that shape these numbers:
//   - a client message goes out in frames of exactly Dialer.WriteBufferSize
//     payload bytes (WriteMessage too, not only NextWriter), one write(2) per
//     frame; the unfragmented workloads therefore set WriteBufferSize to the
//     message size (one frame, masked in gorilla's buffer), the fragmented ones
//     to the fragment size;
//   - gorilla does not validate UTF-8 in text messages, so text16m costs it the
//     same as binary16m;
//   - messages of 256 KiB and more are read by a second goroutine while being
//     written: a streaming echo server (like scripts/gorilla/echo_server.go)
//     sends the echo back before it has read the whole message, and a client
//     that reads only after writing would deadlock once the socket buffers fill.
//
// Build (offline, GOPATH mode, Debian's gorilla):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o bin/bench_client bench_client.go
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"sort"
	"syscall"
	"time"

	"github.com/gorilla/websocket"
)

type workload struct {
	name      string
	size      int // payload bytes per message
	frame     int // payload bytes per frame on the wire = gorilla's WriteBufferSize
	msgType   int
	rounds    int
	warmup    int
	pipelined bool
}

var workloads = map[string]workload{
	"rtt64":       {"rtt64", 64, 4096, websocket.TextMessage, 10000, 1000, false},
	"pipelined64": {"pipelined64", 64, 4096, websocket.TextMessage, 100000, 1000, true},
	"msg16k":      {"msg16k", 16 << 10, 16 << 10, websocket.BinaryMessage, 2000, 0, false},
	"text16m":     {"text16m", 16 << 20, 16 << 20, websocket.TextMessage, 20, 0, false},
	"binary16m":   {"binary16m", 16 << 20, 16 << 20, websocket.BinaryMessage, 20, 0, false},
	"frag16m":     {"frag16m", 16 << 20, 4 << 10, websocket.BinaryMessage, 20, 0, false},
	"frag1m64":    {"frag1m64", 1 << 20, 64, websocket.BinaryMessage, 10, 0, false},
}

var order = []string{"rtt64", "pipelined64", "msg16k", "text16m", "binary16m", "frag16m", "frag1m64"}

func usage() {
	fmt.Fprintf(os.Stderr, "usage: %s client URL WORKLOAD [-timeout 300s]\nworkloads:", os.Args[0])
	for _, w := range order {
		fmt.Fprintf(os.Stderr, " %s", w)
	}
	fmt.Fprintln(os.Stderr)
	os.Exit(64)
}

func fatal(code int, format string, a ...interface{}) {
	fmt.Fprintf(os.Stderr, "bench_client: "+format+"\n", a...)
	os.Exit(code)
}

func main() {
	if len(os.Args) < 4 || os.Args[1] != "client" {
		usage()
	}
	url, name := os.Args[2], os.Args[3]
	fs := flag.NewFlagSet("client", flag.ExitOnError)
	timeout := fs.Duration("timeout", 300*time.Second, "give up (exit 3) after this long")
	fs.Parse(os.Args[4:])
	w, ok := workloads[name]
	if !ok {
		usage()
	}
	time.AfterFunc(*timeout, func() { fatal(3, "%s: timed out after %v", name, *timeout) })

	d := websocket.Dialer{
		ReadBufferSize:    64 << 10,
		WriteBufferSize:   w.frame,
		EnableCompression: false,
		HandshakeTimeout:  10 * time.Second,
	}
	c, _, err := d.Dial(url, nil)
	if err != nil {
		fatal(2, "connect %s: %v", url, err)
	}
	c.SetReadLimit(64 << 20)

	payload := makePayload(w)
	b := &bench{c: c, w: w, payload: payload, rbuf: make([]byte, w.size+1)}
	switch {
	case w.name == "rtt64":
		b.rtt()
	case w.pipelined:
		b.pipelined()
	default:
		b.throughput()
	}
	closeCleanly(c)
}

func makePayload(w workload) []byte {
	p := make([]byte, w.size)
	if w.msgType == websocket.TextMessage {
		const s = "The quick brown fox jumps over the lazy dog 0123456789. "
		for i := range p {
			p[i] = s[i%len(s)]
		}
	} else {
		rand.New(rand.NewSource(6455)).Read(p)
	}
	return p
}

type bench struct {
	c       *websocket.Conn
	w       workload
	payload []byte
	rbuf    []byte
}

// readEcho reads one message into b.rbuf and checks its type and length
// (and content when verify is set).
func (b *bench) readEcho(verify bool) error {
	mt, r, err := b.c.NextReader()
	if err != nil {
		return err
	}
	n := 0
	for {
		k, err := r.Read(b.rbuf[n:])
		n += k
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if n == len(b.rbuf) {
			return fmt.Errorf("echo longer than the %d bytes sent", b.w.size)
		}
	}
	if mt != b.w.msgType {
		return fmt.Errorf("echo has message type %d, sent %d", mt, b.w.msgType)
	}
	if n != b.w.size {
		return fmt.Errorf("echo has %d bytes, sent %d", n, b.w.size)
	}
	if verify && !bytes.Equal(b.rbuf[:n], b.payload) {
		return errors.New("echo content differs from what was sent")
	}
	return nil
}

func (b *bench) send() error { return b.c.WriteMessage(b.w.msgType, b.payload) }

// roundTrip writes the message and reads its echo; large messages are read by a
// second goroutine while being written (see the package comment).
func (b *bench) roundTrip(verify bool) error {
	if b.w.size < 256<<10 {
		if err := b.send(); err != nil {
			return err
		}
		return b.readEcho(verify)
	}
	done := make(chan error, 1)
	go func() { done <- b.readEcho(verify) }()
	werr := b.send()
	rerr := <-done
	if werr != nil {
		return werr
	}
	return rerr
}

func (b *bench) rtt() {
	for i := 0; i < b.w.warmup; i++ {
		if err := b.roundTrip(i == 0); err != nil {
			fatal(1, "warm-up round trip %d: %v", i, err)
		}
	}
	d := make([]time.Duration, b.w.rounds)
	cpu0 := cpuNanos()
	for i := range d {
		t0 := time.Now()
		if err := b.roundTrip(false); err != nil {
			fatal(1, "round trip %d: %v", i, err)
		}
		d[i] = time.Since(t0)
	}
	b.printCPU(cpu0)
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	us := func(x time.Duration) float64 { return float64(x) / 1e3 }
	fmt.Printf("RESULT %s %.1f us lower\n", b.w.name, us(percentile(d, 50)))
	fmt.Printf("INFO p99 %.1f us, mean %.1f us, min %.1f us, max %.1f us over %d round trips\n",
		us(percentile(d, 99)), us(sum)/float64(len(d)), us(d[0]), us(d[len(d)-1]), len(d))
}

// percentile by nearest rank over sorted d.
func percentile(d []time.Duration, p int) time.Duration {
	k := (len(d)*p + 99) / 100
	if k < 1 {
		k = 1
	}
	return d[k-1]
}

func (b *bench) pipelined() {
	for i := 0; i < b.w.warmup; i++ {
		if err := b.roundTrip(i == 0); err != nil {
			fatal(1, "warm-up round trip %d: %v", i, err)
		}
	}
	n := b.w.rounds
	done := make(chan error, 1)
	cpu0 := cpuNanos()
	t0 := time.Now()
	go func() {
		for i := 0; i < n; i++ {
			if err := b.readEcho(i == 0); err != nil {
				done <- fmt.Errorf("echo %d: %v", i, err)
				return
			}
		}
		done <- nil
	}()
	for i := 0; i < n; i++ {
		if err := b.send(); err != nil {
			fatal(1, "write %d: %v", i, err)
		}
	}
	tw := time.Since(t0)
	if err := <-done; err != nil {
		fatal(1, "%v", err)
	}
	el := time.Since(t0)
	b.printCPU(cpu0)
	fmt.Printf("RESULT %s %.0f msg/s higher\n", b.w.name, float64(n)/el.Seconds())
	fmt.Printf("INFO %d messages of %d bytes; all written after %.1f ms, last echo after %.1f ms\n",
		n, b.w.size, float64(tw)/1e6, float64(el)/1e6)
}

func (b *bench) throughput() {
	if err := b.roundTrip(true); err != nil {
		fatal(1, "verification round trip: %v", err)
	}
	cpu0 := cpuNanos()
	t0 := time.Now()
	for i := 0; i < b.w.rounds; i++ {
		if err := b.roundTrip(false); err != nil {
			fatal(1, "round trip %d: %v", i, err)
		}
	}
	el := time.Since(t0)
	b.printCPU(cpu0)
	mb := float64(b.w.rounds) * float64(b.w.size) / 1e6
	fmt.Printf("RESULT %s %.1f MB/s higher\n", b.w.name, mb/el.Seconds())
	fmt.Printf("INFO %d round trips of %d bytes in %d-byte frames, %.1f ms (+1 untimed verification round trip)\n",
		b.w.rounds, b.w.size, b.w.frame, float64(el)/1e6)
}

// cpuNanos is the CPU time (user + system) the process has used so far.
func cpuNanos() int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return u.Utime.Nano() + u.Stime.Nano()
}

func (b *bench) printCPU(since int64) {
	fmt.Printf("INFO %s cpu %.1f ms\n", b.w.name, float64(cpuNanos()-since)/1e6)
}

func closeCleanly(c *websocket.Conn) {
	msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "")
	if err := c.WriteControl(websocket.CloseMessage, msg, time.Now().Add(2*time.Second)); err == nil {
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		for {
			if _, _, err := c.NextReader(); err != nil {
				break
			}
		}
	}
	c.Close()
}
