"""Engines: the pipeline's stages run on a distributed engine (one adapter module each).

    dask    newsfuse.engines.dask.run(paths, client): ingest's stages on a Dask cluster
"""
