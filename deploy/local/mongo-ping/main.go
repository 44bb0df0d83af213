// mongo-ping: a real MongoDB wire-protocol readiness probe for deploy/local/ferretdb.sh.
//
// It is not built as a module of its own: ferretdb.sh copies this file into the FerretDB
// source tree it builds (as cmd/flw-mongo-ping), so it compiles against the mongo-go-driver
// version FerretDB itself pins, with no extra dependency resolution. `ferretdb ping` is no
// use here: in v1.24 it only pings with --setup-database, which needs the new-auth flags.
//
// Usage: mongo-ping [-uri mongodb://127.0.0.1:27017/] [-timeout 3s]
// Exit 0 and one line with the server's versions when `ping` is answered; 1 otherwise.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func main() {
	uri := flag.String("uri", "mongodb://127.0.0.1:27017/", "MongoDB connection string")
	timeout := flag.Duration("timeout", 3*time.Second, "overall deadline for connecting and pinging")
	flag.Parse()

	if err := ping(*uri, *timeout); err != nil {
		fmt.Fprintf(os.Stderr, "mongo-ping: %s: %v\n", *uri, err)
		os.Exit(1)
	}
}

func ping(uri string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	opts := options.Client().ApplyURI(uri).
		SetServerSelectionTimeout(timeout).
		SetConnectTimeout(timeout).
		SetDirect(true)

	client, err := mongo.Connect(ctx, opts)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer client.Disconnect(context.Background()) //nolint:errcheck // best effort on exit

	admin := client.Database("admin")
	if err := admin.RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err(); err != nil {
		return fmt.Errorf("ping: %w", err)
	}

	// buildInfo only makes the output useful ("which server answered?"); ping decided readiness.
	var info bson.M
	if err := admin.RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		fmt.Println("ok: ping answered")
		return nil
	}
	if fv, ok := info["ferretdbVersion"]; ok {
		fmt.Printf("ok: ping answered by FerretDB %v (MongoDB %v compatible)\n", fv, info["version"])
	} else {
		fmt.Printf("ok: ping answered by MongoDB %v\n", info["version"])
	}
	return nil
}
