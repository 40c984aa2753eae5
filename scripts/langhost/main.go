// Command pulumi-language-python is a minimal Pulumi language host for Python programs.
//
// Pulumi's own Python language host lives in a Go module of its own that the Go module proxy reachable here does
// not serve (every version of github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 answers 403), so
// scripts/pulumi-cli builds this one instead, next to the CLI. It does only what `pulumi up`, `preview`,
// `refresh`, `destroy` and `import` need from a language host: it runs the program through the
// pulumi-language-python-exec script that the sdk/v3 Go module ships (installed next to this binary) with the
// project's virtualenv python. It never creates a virtualenv nor installs packages: a missing virtualenv is an
// error that says how to make one.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// execScript is the program runner the SDK's Go module ships; it must sit next to this binary.
const execScript = "pulumi-language-python-exec"

// exitCodeMessageShown is what the exec script exits with after it printed an error the user can act on.
const exitCodeMessageShown = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	exec string

	mu            sync.Mutex
	engineAddress string
}

func main() {
	showVersion := flag.Bool("version", false, "print the plugin version and exit")
	// The engine passes these to every language host; this one has no tracing, so it only accepts them.
	flag.String("tracing", "", "ignored")
	flag.String("use-executor", "", "run this program instead of the pulumi-language-python-exec next to the binary")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}

	executor := flag.Lookup("use-executor").Value.String()
	if executor == "" {
		self, err := os.Executable()
		if err != nil {
			fail(fmt.Errorf("could not find this executable: %w", err))
		}
		executor = filepath.Join(filepath.Dir(self), execScript)
	}
	if _, err := os.Stat(executor); err != nil {
		fail(fmt.Errorf("missing executor %s: %w", executor, err))
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		close(cancel)
	}()

	h := &host{exec: executor}
	if args := flag.Args(); len(args) > 0 {
		// Older engines name their address on the command line instead of in Handshake.
		if err := h.watchEngine(args[0]); err != nil {
			fail(err)
		}
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fail(fmt.Errorf("could not start the language host's RPC server: %w", err))
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fail(fmt.Errorf("language host RPC server stopped: %w", err))
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "error: %v\n", err)
	os.Exit(1)
}

// watchEngine records the engine's address and exits this process when the engine goes away, so that an
// interrupted CLI leaves no language host behind.
func (h *host) watchEngine(address string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.engineAddress != "" {
		return nil
	}
	h.engineAddress = address
	ctx, cancel := context.WithCancel(context.Background())
	if err := rpcutil.Healthcheck(ctx, address, 5*time.Minute, cancel); err != nil {
		cancel()
		return fmt.Errorf("could not start the health check of the engine: %w", err)
	}
	go func() {
		<-ctx.Done()
		os.Exit(0)
	}()
	return nil
}

func (h *host) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if err := h.watchEngine(req.GetEngineAddress()); err != nil {
		return nil, err
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// resolveToolchain reads the `runtime.options` of Pulumi.yaml: `virtualenv` (relative to the project root, or
// absolute) and `toolchain` (only pip, the default, is supported here).
func resolveToolchain(info *pulumirpc.ProgramInfo) (toolchain.Toolchain, error) {
	if info == nil {
		return nil, status.Error(codes.InvalidArgument, "the engine sent no program information")
	}
	opts := toolchain.PythonOptions{
		Root:       info.GetRootDirectory(),
		ProgramDir: info.GetProgramDirectory(),
		Toolchain:  toolchain.Pip,
	}
	options := info.GetOptions().AsMap()
	if name, ok := options["toolchain"].(string); ok && name != "" && name != "pip" {
		return nil, fmt.Errorf(
			"runtime option toolchain=%q is not supported by this language host; use pip (the default)", name)
	}
	if venv, ok := options["virtualenv"].(string); ok {
		opts.Virtualenv = venv
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(context.Background()); err != nil {
		return nil, err
	}
	return tc, nil
}

// GetRequiredPackages lists no package: the only plugin a dynamic-provider program needs is the bundled
// pulumi-python provider, which the engine loads when the first resource asks for it.
func (h *host) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	if _, err := resolveToolchain(req.GetInfo()); err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	tc, err := resolveToolchain(req.GetInfo())
	if err != nil {
		return nil, err
	}
	args := []string{h.exec}
	flagArg := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	h.mu.Lock()
	engine := h.engineAddress
	h.mu.Unlock()
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", engine)
	flagArg("project", req.GetProject())
	flagArg("root_directory", req.GetInfo().GetRootDirectory())
	flagArg("stack", req.GetStack())
	flagArg("pwd", req.GetPwd())
	flagArg("dry_run", strconv.FormatBool(req.GetDryRun()))
	flagArg("parallel", strconv.Itoa(int(req.GetParallel())))
	flagArg("organization", req.GetOrganization())
	args = append(args, req.GetInfo().GetEntryPoint())
	args = append(args, req.GetArgs()...)

	cmd, err := tc.Command(ctx, args...)
	if err != nil {
		return nil, err
	}
	env := cmd.Env
	if env == nil {
		env = os.Environ()
	}
	// The SDK reads the stack configuration and the names of its secret keys from these two variables. A
	// stack with no configuration has a nil map, which must reach the SDK as {} (it iterates it), not null.
	configMap := req.GetConfig()
	if configMap == nil {
		configMap = map[string]string{}
	}
	config, err := json.Marshal(configMap)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	cmd.Env = append(env, "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeMessageShown {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the Python program: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}
