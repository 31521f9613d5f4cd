// Timing tests must not share the two CI cores with other tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
