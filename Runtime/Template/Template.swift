// SAM template model: see the files of this module.
