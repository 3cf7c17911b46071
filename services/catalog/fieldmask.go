package catalog

import (
	"fmt"
	"slices"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
)

// updatable lists the update_mask paths UpdateExercise changes. The slug names the exercise
// and never changes; timestamps are the service's. Both may still appear in a mask (the
// gateway derives a PATCH's mask from the body, which may be a whole exercise as read).
var updatable = []string{
	"code", "name", "name.en", "name.ru", "description", "description.en", "description.ru",
	"muscle_groups", "equipment", "difficulty", "active",
	"measurement", "mechanics", "patterns", "stresses", "impact",
}

// mergeMask returns a copy of cur with the fields named by paths taken from patch; a named
// field unset in patch is cleared.
func mergeMask(cur, patch *catalogv1.Exercise, paths []string) (*catalogv1.Exercise, error) {
	if len(paths) == 0 {
		return nil, grpcerr.Invalid("update_mask", "update_mask.paths", "name at least one field to update")
	}
	out := proto.Clone(cur).(*catalogv1.Exercise)
	for _, p := range paths {
		switch p {
		case "slug", "create_time", "update_time":
			// The slug in the request names the exercise (and the REST path sets it), and the
			// timestamps are output only (AIP-161): a client sending back what it read is not
			// refused, and none of them changes.
			continue
		}
		if !slices.Contains(updatable, p) {
			return nil, grpcerr.Invalid("update_mask", "update_mask.paths",
				fmt.Sprintf("%q cannot be updated; updatable: %s", p, strings.Join(updatable, ", ")))
		}
		copyPath(out.ProtoReflect(), patch.ProtoReflect(), strings.Split(p, "."))
	}
	return out, nil
}

func copyPath(dst, src protoreflect.Message, path []string) {
	fd := dst.Descriptor().Fields().ByName(protoreflect.Name(path[0]))
	if len(path) > 1 {
		copyPath(dst.Mutable(fd).Message(), src.Get(fd).Message(), path[1:])
		return
	}
	if !src.Has(fd) {
		dst.Clear(fd)
		return
	}
	// Clone through a fresh value so dst shares no list or message with the request.
	dst.Set(fd, cloneValue(dst, fd, src.Get(fd)))
}

func cloneValue(owner protoreflect.Message, fd protoreflect.FieldDescriptor, v protoreflect.Value) protoreflect.Value {
	switch {
	case fd.IsList():
		src := v.List()
		dst := owner.NewField(fd).List()
		for i := range src.Len() {
			dst.Append(src.Get(i))
		}
		return protoreflect.ValueOfList(dst)
	case fd.Message() != nil:
		return protoreflect.ValueOfMessage(proto.Clone(v.Message().Interface()).ProtoReflect())
	default:
		return v
	}
}
