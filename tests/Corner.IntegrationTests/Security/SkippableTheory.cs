using Xunit.Abstractions;
using Xunit.Sdk;

namespace Corner.IntegrationTests.Security;

/// <summary>Thrown by a test case that cannot run here (e.g. its route does not exist yet); reported as skipped.</summary>
public sealed class SkipCaseException(string reason) : Exception(reason);

/// <summary>A theory whose cases may skip themselves at run time by throwing <see cref="SkipCaseException"/>
/// (xunit v2 has no dynamic skip of its own).</summary>
[XunitTestCaseDiscoverer("Corner.IntegrationTests.Security.SkippableTheoryDiscoverer", "Corner.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkippableTheoryAttribute : TheoryAttribute;

public sealed class SkippableTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        [new SkippableTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];

    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        [new SkippableTheoryTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

public sealed class SkippableTestCase : XunitTestCase
{
    [Obsolete("For the de-serializer only.")]
    public SkippableTestCase() { }

    public SkippableTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, object[] arguments)
        : base(sink, display, options, method, arguments) { }

    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        SkippingMessageBus.RunAsync(messageBus, bus => base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource));
}

public sealed class SkippableTheoryTestCase : XunitTheoryTestCase
{
    [Obsolete("For the de-serializer only.")]
    public SkippableTheoryTestCase() { }

    public SkippableTheoryTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method) { }

    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        SkippingMessageBus.RunAsync(messageBus, bus => base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource));
}

/// <summary>Turns a failure caused by <see cref="SkipCaseException"/> into a skip.</summary>
internal sealed class SkippingMessageBus(IMessageBus inner) : IMessageBus
{
    private int _skipped;

    public static async Task<RunSummary> RunAsync(IMessageBus inner, Func<IMessageBus, Task<RunSummary>> run)
    {
        var bus = new SkippingMessageBus(inner);
        var summary = await run(bus);
        summary.Failed -= bus._skipped;
        summary.Skipped += bus._skipped;
        return summary;
    }

    public bool QueueMessage(IMessageSinkMessage message)
    {
        if (message is ITestFailed failed && failed.ExceptionTypes.FirstOrDefault() == typeof(SkipCaseException).FullName)
        {
            _skipped++;
            return inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages.FirstOrDefault() ?? "skipped"));
        }
        return inner.QueueMessage(message);
    }

    public void Dispose() { }
}
