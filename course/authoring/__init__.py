"""Lecturer tools before class: student releases and key files, nbgitpuller links, regenerating the masters, the wheelhouse."""
