using System.Runtime.CompilerServices;

namespace Investigation.Web.Tests.Support;

/// <summary>
/// Every host the web tests start (in this process, and the application processes of the multi-node
/// test, which inherit the environment) reads its settings files once instead of watching them. Each
/// watching host holds an inotify instance until it is disposed; with a hundred test hosts alive on a
/// loaded machine the user's limit (fs.inotify.max_user_instances, 128 on Debian) ran out, a host
/// failed to start, and its tests saw a sign-in page without its form.
/// </summary>
internal static class NoFileWatchers
{
    [ModuleInitializer]
    internal static void Apply() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
