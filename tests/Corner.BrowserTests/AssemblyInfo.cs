// One browser and one server for the run; tests take turns (the suite runs on two cores).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
