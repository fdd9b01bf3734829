using System.Diagnostics;

namespace BizInbox.E2E.Support;

/// <summary>
/// nginx in front of two app servers, configured as the README's "Several servers" section (WebSockets, forwarded
/// headers, long-lived connections), sticky by a cookie of its own: <c>bizinbox_server=b</c> goes to the second
/// server, anything else to the first. Each server is the other's backup, so when one stops its visitors move over.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string StickyCookie = "bizinbox_server";

    private readonly string _directory = Directory.CreateTempSubdirectory("bizinbox-nginx-").FullName;
    private readonly Process _process;

    public NginxProxy(Uri first, Uri second)
    {
        var port = AppProcess.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        var config = Path.Combine(_directory, "nginx.conf");
        File.WriteAllText(config, $$"""
            worker_processes 1;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{_directory}}/body;
                proxy_temp_path {{_directory}}/proxy;
                fastcgi_temp_path {{_directory}}/fastcgi;
                uwsgi_temp_path {{_directory}}/uwsgi;
                scgi_temp_path {{_directory}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                upstream server_a { server {{first.Authority}} max_fails=1 fail_timeout=30s; server {{second.Authority}} backup; }
                upstream server_b { server {{second.Authority}} max_fails=1 fail_timeout=30s; server {{first.Authority}} backup; }
                map $cookie_{{StickyCookie}} $bizinbox_pool { b server_b; default server_a; }
                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 20m;
                    location / {
                        proxy_pass http://$bizinbox_pool;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_read_timeout 1h;
                        proxy_connect_timeout 2s;
                    }
                }
            }
            """);
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        _process = Process.Start(new ProcessStartInfo(nginx, ["-p", _directory, "-c", config, "-g", "daemon off;"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start (is it installed? test.sh installs it).");
    }

    /// <summary>nginx's own address; a browser context picks its server with <see cref="StickyCookie"/>.</summary>
    public string BaseUrl { get; }

    /// <summary>Waits until nginx answers (any status) or fails with its error log.</summary>
    public async Task WaitUntilListeningAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "health/live");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100); // the gap between connection tries while nginx starts, not a synchronisation
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // nginx's temp files may linger a moment; the OS cleans the temp directory.
        }
    }
}
