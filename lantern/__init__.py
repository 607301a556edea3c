"""Lantern's domain logic, shared by the gateway, the action server and the operator CLI."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
