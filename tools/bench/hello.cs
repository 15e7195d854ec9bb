#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
#:property InvariantGlobalization=true
// The benchmark's ceiling: a bare Kestrel "hello" with no middleware, on the same machine and runtime
// as Corner. script/bench publishes and runs it next to Corner; it is never deployed.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "Hello");
app.Run();
