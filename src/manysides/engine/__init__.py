"""Executors run per-article work; a distributed engine can replace the local one."""

from manysides.engine.executor import Executor, LocalExecutor, SerialExecutor

__all__ = ["Executor", "LocalExecutor", "SerialExecutor"]
